import { useKubelab } from "../../state/store";
import { formatSimClock } from "./clockFormat";

/** The simulated clock, always visible in the header. It selects the text it prints (not the clock),
 *  so it re-renders when a second ticks over, not with every batch. */
export function SimClock() {
  const text = useKubelab((s) => (s.connected ? formatSimClock(s.clock.now) : "–:––:––"));
  const wallTime = useKubelab((s) => s.clock.wallTime);
  return (
    <div className="sim-clock" role="timer" aria-label="Simulated clock" title={wallTime ? `Simulated time: ${wallTime}` : "Simulated time"}>
      <svg className="sim-clock-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
        <circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path d="M8 4.5V8l2.5 1.6" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      </svg>
      <span className="sim-clock-value">{text}</span>
    </div>
  );
}

import { SPEEDS } from "../../engine/protocol";
import { setPaused, setSpeed, skipAhead, step } from "../../state/controls";
import { useShell } from "../../state/shell";
import { useKubelab } from "../../state/store";
import { formatSpeed } from "./clockFormat";
import { SimClock } from "./SimClock";

/** Pause/Play, Speed, Step and Skip ahead, around the simulated clock. */
export function TimeControls() {
  const paused = useShell((s) => s.paused);
  const speed = useShell((s) => s.speed);
  const connected = useKubelab((s) => s.connected);
  const fatal = useKubelab((s) => s.fatal);
  const disabled = !connected || fatal !== undefined;
  return (
    <div className="time-controls" role="group" aria-label="Time controls">
      <SimClock />
      <button type="button" className="icon-button" onClick={() => void setPaused(!paused)} disabled={disabled} title={paused ? "Play (let simulated time run)" : "Pause (stop simulated time)"}>
        {paused ? <PlayIcon /> : <PauseIcon />}
        <span>{paused ? "Play" : "Pause"}</span>
      </button>
      <span className="speed">
        <select aria-label="Speed" value={String(speed)} onChange={(e) => void setSpeed(Number(e.target.value))} disabled={disabled} title="Simulated seconds per real second">
          {(SPEEDS.includes(speed as (typeof SPEEDS)[number]) ? SPEEDS : [...SPEEDS, speed].sort((a, b) => a - b)).map((s) => (
            <option key={s} value={String(s)}>
              {formatSpeed(s)}
            </option>
          ))}
        </select>
      </span>
      <button type="button" onClick={() => void step()} disabled={disabled} title="Run the next scheduled engine event, then pause">
        Step
      </button>
      <button type="button" onClick={() => void skipAhead()} disabled={disabled} title="Run until the next API write (at most 10 simulated minutes), then pause">
        Skip ahead
      </button>
    </div>
  );
}

function PlayIcon() {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d="M4 2.5v11l9-5.5z" fill="currentColor" />
    </svg>
  );
}

function PauseIcon() {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d="M4 2.5h3v11H4zM9 2.5h3v11H9z" fill="currentColor" />
    </svg>
  );
}

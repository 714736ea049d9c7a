import { EventLog } from "../eventlog/EventLog";
import { TerminalPanel } from "../terminal/Terminal";

/** Below the graph: the kubectl terminal and the cluster's event log, side by side. */
export function BottomDock() {
  return (
    <div className="bottom-dock">
      <div className="dock-cell dock-terminal">
        <TerminalPanel />
      </div>
      <div className="dock-cell dock-events">
        <EventLog />
      </div>
    </div>
  );
}

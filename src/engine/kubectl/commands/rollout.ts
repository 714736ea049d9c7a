// `kubectl rollout`: the parent of status, history, undo, pause, resume and restart, and the way they
// find their target through util/rolloutTargets.ts.
// mirrors kubectl pkg/cmd/rollout/rollout.go.
import type { CommandDef } from "../command";
import { rolloutHistoryCommand } from "./rolloutHistory";
import { rolloutPauseCommand, rolloutResumeCommand } from "./rolloutPause";
import { rolloutRestartCommand } from "./rolloutRestart";
import { rolloutStatusCommand } from "./rolloutStatus";
import { rolloutUndoCommand } from "./rolloutUndo";

export const rolloutCommand: CommandDef = {
  name: "rollout",
  short: "Manage the rollout of a resource",
  use: "rollout SUBCOMMAND",
  flags: [],
  subcommands: [rolloutHistoryCommand, rolloutPauseCommand, rolloutRestartCommand, rolloutResumeCommand, rolloutStatusCommand, rolloutUndoCommand],
};

// A lesson's starting cluster as a SavedState: the engine restores a saved cluster by replaying its
// journal on a fresh cluster of the same seed and size, which is exactly "boot, then run the lesson's
// setup". The page sends it as `init`, so the page draws the result (one snapshot, no flood of setup
// batches), the cluster is saved like any other, and a reload replays to the same place.
//
// Every entry is stamped at 0: the fresh cluster has already booted past it, so the replay runs the
// entries back to back at the boot instant, and each `sim advance`/`rollout status` in the setup moves
// the clock as it would in a terminal.
import type { JournalEntry, SavedState } from "../engine/protocol";
import type { Lesson } from "./types";

export function startingState(lesson: Lesson): SavedState {
  const journal: JournalEntry[] = [];
  // The setup may `kubectl apply -f` the lesson's files: give it the editor's tabs first.
  if (lesson.start.files.length > 0) journal.push({ at: 0, op: "files", files: lesson.start.files.map((f) => ({ name: f.name, text: f.text })) });
  for (const line of lesson.start.setup) journal.push({ at: 0, op: "run", line });
  return { version: 1, seed: lesson.start.seed, nodes: lesson.start.nodes, journal, now: 0 };
}

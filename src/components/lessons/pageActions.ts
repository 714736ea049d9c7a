// What a lesson does to the rest of the page: open files in the editor, type a line into the terminal
// (without running it), set the clock, start a lesson's cluster. Everything goes through the store and the
// engine bridge, like any component.
import type { EditorFile } from "../../engine/protocol";
import { startingState } from "../../lessons/start";
import type { Lesson } from "../../lessons/types";
import { engine } from "../../state/bridge";
import { setPaused, setSpeed } from "../../state/controls";
import { useKubelab } from "../../state/store";

/** Opens files as editor tabs: a tab of the same name gets the new text, others are added. The lesson
 *  panel stays in front (the learner switches to the Editor tab when the step asks). */
export function openInEditor(files: readonly EditorFile[]): void {
  if (files.length === 0) return;
  const st = useKubelab.getState();
  const next = st.files.map((f) => ({ name: f.name, text: f.text }));
  for (const f of files) {
    const i = next.findIndex((x) => x.name === f.name);
    if (i >= 0) next[i] = { name: f.name, text: f.text };
    else next.push({ name: f.name, text: f.text });
  }
  st.setFiles(next, files[0]!.name);
}

/**
 * Types `line` into the terminal's input without running it. The terminal owns its input's state, so
 * this sets the value the way a user's typing does (the native setter, then an input event React hears).
 */
export function prefillTerminal(line: string): boolean {
  if (typeof document === "undefined") return false;
  const input = document.querySelector<HTMLInputElement>('input[aria-label="Terminal"]');
  if (!input) return false;
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set;
  setter?.call(input, line);
  input.dispatchEvent(new Event("input", { bubbles: true }));
  return true;
}

/** Replaces the live cluster with the lesson's starting one and opens its files; throws on refusal. */
export async function startLessonCluster(lesson: Lesson): Promise<void> {
  const r = await engine.request({ kind: "init", state: startingState(lesson) });
  if (r.kind === "error") throw new Error(r.message);
  useKubelab.getState().select(undefined);
  // A new array even without files: the bridge then sends the tabs to the new cluster before a command.
  if (lesson.start.files.length > 0) openInEditor(lesson.start.files);
  else useKubelab.getState().setFiles([...useKubelab.getState().files]);
  await setSpeed(lesson.start.speed ?? 1);
  await setPaused(false);
}

/** Runs show-me lines one after another, as if typed; returns the transcript. */
export async function runLines(lines: readonly string[]): Promise<string> {
  let out = "";
  for (const line of lines) {
    const r = await engine.request({ kind: "run", line });
    out += `$ ${line}\n`;
    if (r.kind === "command") out += r.output.out + r.output.err;
    else if (r.kind === "error") out += `error: ${r.message}\n`;
  }
  return out;
}

// The shell's actions, callable from any component (and from lessons): time controls, reset, restart,
// share, and opening files dropped or pasted on the page. They talk to the worker only through `engine`.
import type { EditorFile } from "../engine/protocol";
import { SPEED_MAX, SPEED_MIN } from "../engine/protocol";
import { engine } from "./bridge";
import { shareUrl } from "./share";
import { useShell } from "./shell";
import { useKubelab } from "./store";
import { currentBridge } from "./workerBridge";

export async function setSpeed(speed: number): Promise<void> {
  const s = Math.min(SPEED_MAX, Math.max(SPEED_MIN, speed));
  useShell.getState().setTime({ speed: s });
  await engine.request({ kind: "clock", speed: s });
}

export async function setPaused(paused: boolean): Promise<void> {
  useShell.getState().setTime({ paused });
  await engine.request({ kind: "clock", paused });
}

/** Advances to the next engine event; the clock stays paused afterwards. */
export async function step(): Promise<void> {
  useShell.getState().setTime({ paused: true });
  await engine.request({ kind: "step" });
}

/** Skips ahead until an API write happens (or ten simulated minutes pass); paused afterwards. */
export async function skipAhead(): Promise<void> {
  useShell.getState().setTime({ paused: true });
  await engine.request({ kind: "skip" });
}

export async function resetCluster(): Promise<void> {
  useKubelab.getState().select(undefined);
  await currentBridge()?.reset();
  useShell.getState().notify("Started a fresh cluster.");
}

export async function restartEngine(): Promise<void> {
  await currentBridge()?.restart();
}

/** A link that opens this page with the editor's files; copied to the clipboard when allowed. */
export async function share(): Promise<{ url: string; copied: boolean }> {
  const url = shareUrl(useKubelab.getState().files);
  let copied = false;
  try {
    await navigator.clipboard?.writeText(url);
    copied = navigator.clipboard !== undefined;
  } catch {
    copied = false;
  }
  return { url, copied };
}

/** A name not used by another tab: "web.yaml", then "web-2.yaml", ... */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  const dot = name.lastIndexOf(".");
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : "";
  for (let i = 2; ; i++) {
    const candidate = `${stem}-${i}${ext}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Opens files as editor tabs (a same-named tab with other text gets a new name) and shows the editor. */
export function openFiles(incoming: readonly EditorFile[]): void {
  if (incoming.length === 0) return;
  const st = useKubelab.getState();
  const files = [...st.files];
  const taken = new Set(files.map((f) => f.name));
  let active = st.activeFile;
  for (const f of incoming) {
    const same = files.find((x) => x.name === f.name);
    if (same && same.text === f.text) {
      active = f.name;
      continue;
    }
    const name = uniqueName(f.name, taken);
    taken.add(name);
    files.push({ name, text: f.text });
    active = name;
  }
  st.setFiles(files, active);
  useShell.getState().setSideTab("editor");
}

/** A tab name for pasted YAML: the first object's name and kind ("nginx-deployment.yaml"), else "pasted.yaml". */
export function nameForManifest(text: string): string {
  const name = /^ {2}name:\s*["']?([a-z0-9][-a-z0-9.]*)["']?\s*$/m.exec(text)?.[1];
  return name ? `${name}.yaml` : "pasted.yaml";
}

/** Whether pasted text looks like a Kubernetes manifest (worth opening as a file). */
export function looksLikeManifest(text: string): boolean {
  return /^apiVersion:\s*\S/m.test(text) && /^kind:\s*\S/m.test(text);
}

// Page start-up: restore what the last visit saved (files, settings, the cluster), open a Share link if the
// URL carries one, start the engine's worker, and keep saving as things change. Called once by main.tsx.
import type { RequestBody } from "../engine/protocol";
import { engine } from "./bridge";
import { Debounced, defaultStorage, loadFiles, loadSettings, saveFiles, saveSettings } from "./persistence";
import { currentRoute, replaceRoute } from "./route";
import { decodeShare } from "./share";
import { useShell } from "./shell";
import { useKubelab, type Theme } from "./store";
import { spawnEngineWorker, startEngine, type BridgeOptions, type WorkerLike } from "./workerBridge";

/** How often the running clock is written to storage (so a reload resumes close to where it was). */
const CLOCK_SAVE_INTERVAL_MS = 5000;

function preferredTheme(): Theme {
  return typeof matchMedia === "function" && matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

/** `?nodes=100&seed=7` start a fresh cluster of that size (demos, benchmarks) instead of the saved one. */
function freshParams(search: string): BridgeOptions["fresh"] {
  const q = new URLSearchParams(search);
  const nodes = q.get("nodes");
  const seed = q.get("seed");
  if (nodes === null && seed === null) return undefined;
  const out: { nodes?: number; seed?: number } = {};
  if (nodes !== null && /^\d+$/.test(nodes)) out.nodes = Number(nodes);
  if (seed !== null && /^\d+$/.test(seed)) out.seed = Number(seed);
  return out;
}

export function bootPage(opts: { createWorker?: () => WorkerLike } = {}): void {
  const storage = defaultStorage();
  const settings = loadSettings(storage);
  useKubelab.getState().setTheme(settings.theme ?? preferredTheme());
  useShell.getState().setTime({ speed: settings.speed ?? 1, paused: settings.paused ?? false });

  const route = currentRoute();
  const shared = route.name === "share" ? decodeShare(route.data) : undefined;
  if (route.name === "share") replaceRoute({ name: "home" });
  const saved = loadFiles(storage);
  if (shared && shared.length > 0) {
    useKubelab.getState().setFiles(shared, shared[0]!.name);
    useShell.getState().notify(`Opened ${shared.length === 1 ? "1 shared file" : `${shared.length} shared files`}.`);
  } else {
    if (route.name === "share") useShell.getState().notify("That Share link is damaged: no files could be read from it.", "error");
    if (saved) useKubelab.getState().setFiles(saved.files, saved.activeFile);
  }

  const filesSaver = new Debounced(() => {
    const s = useKubelab.getState();
    saveFiles(storage, { files: [...s.files], activeFile: s.activeFile });
  }, 500);
  if (shared) filesSaver.schedule();
  useKubelab.subscribe((s, prev) => {
    if (s.files !== prev.files || s.activeFile !== prev.activeFile) filesSaver.schedule();
  });
  const settingsSaver = new Debounced(() => {
    const { speed, paused } = useShell.getState();
    saveSettings(storage, { theme: useKubelab.getState().theme, speed, paused });
  }, 200);
  useKubelab.subscribe((s, prev) => s.theme !== prev.theme && settingsSaver.schedule());
  useShell.subscribe((s, prev) => (s.speed !== prev.speed || s.paused !== prev.paused) && settingsSaver.schedule());

  const bridge = startEngine({ createWorker: opts.createWorker ?? spawnEngineWorker, storage, fresh: freshParams(location.search) });
  setInterval(() => bridge.persistNow(), CLOCK_SAVE_INTERVAL_MS);
  const flushAll = () => {
    filesSaver.flush();
    settingsSaver.flush();
    bridge.persistNow();
  };
  addEventListener("pagehide", flushAll);
  document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && flushAll());

  // A small console API for the curious (and for `npm run bench:ui`): kubelab.run("kubectl get pods").
  Object.assign(window, {
    kubelab: {
      request: (body: RequestBody) => engine.request(body),
      run: async (line: string) => {
        const r = await engine.request({ kind: "run", line });
        return r.kind === "command" ? r.output.out + r.output.err : r;
      },
    },
  });
}

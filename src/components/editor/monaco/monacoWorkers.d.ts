// Types for Monaco's legacy-worker adapter module, which ships without a declaration file. It is the
// `createWebWorker` that the full `monaco-editor` entry installs (editor.main.js re-exports it).
declare module "monaco-editor/esm/vs/common/workers.js" {
  import type { editor } from "monaco-editor/esm/vs/editor/editor.api.js";

  export interface IWebWorkerOptions {
    moduleId: string;
    createWorker?: () => Worker;
    createData?: unknown;
    label?: string;
    host?: Record<string, (...args: unknown[]) => unknown>;
    keepIdleModels?: boolean;
  }

  export function createWebWorker<T extends object>(opts: IWebWorkerOptions): editor.MonacoWebWorker<T>;
}

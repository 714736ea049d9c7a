// KubectlEnv is everything a kubectl command may touch: the API server (as user "kubectl"), the
// simulated clock, the files it may read (-f), and a way to let simulated time pass while it waits
// (`rollout status`, `drain`, `wait` block in a real terminal; here they advance the simulation).
import type { ApiServer } from "../apiserver/apiServer";
import type { SimClock } from "../sim/clock";

/** Files visible to `kubectl apply -f`: the CLI maps the real disk, the page maps the editor's tabs. */
export interface FileSystem {
  /** File contents, or undefined when there is no such file. */
  readFile(path: string): string | undefined;
  /** Entries of a directory (file names, not paths), or undefined when `path` is not a directory. */
  readDir(path: string): string[] | undefined;
}

export const EMPTY_FS: FileSystem = { readFile: () => undefined, readDir: () => undefined };

/**
 * The pods/log subresource: what the kubelet on `node` keeps of a container's output. `previous` asks for
 * the last terminated instance (--previous). Undefined when that kubelet keeps nothing for it.
 */
export interface ContainerLogSource {
  containerLogs(node: string, namespace: string, pod: string, container: string, previous: boolean): readonly string[] | undefined;
}

export interface KubectlEnv {
  readonly api: ApiServer;
  /** Container logs for `kubectl logs`; absent when the host runs no kubelets. */
  readonly logs?: ContainerLogSource;
  readonly clock: SimClock;
  readonly fs: FileSystem;
  /** Standard input for `-f -`. */
  readonly stdin?: string;
  /** The namespace of the current kubeconfig context. */
  readonly namespace: string;
  /** The identity requests are made as (audit actor). */
  readonly user: string;
  /** The seeded random source, for the few names kubectl itself makes up (create deployment). */
  readonly random?: () => number;
  /**
   * Lets simulated time pass until `done()` is true or `timeoutMs` elapsed; returns whether done.
   * `onTick` is called after each step so a command can print progress as the cluster changes.
   */
  waitFor(done: () => boolean, timeoutMs: number, onTick?: () => void): boolean;
}

export interface CommandResult {
  out: string;
  err: string;
  code: number;
}

export function ok(out: string, err = ""): CommandResult {
  return { out, err, code: 0 };
}

export function fail(err: string, out = ""): CommandResult {
  return { out, err, code: 1 };
}

/** Thrown inside a command for a kubectl-style failure line (`error: ...` is added by the caller). */
export class KubectlError extends Error {
  constructor(
    message: string,
    /** When true the message is printed as is (it already starts with "Error from server" or "error:"). */
    readonly raw = false,
  ) {
    super(message);
  }
}

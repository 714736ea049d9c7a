// Waiting in simulated time. A real kubectl blocks (rollout status, delete, drain) until the cluster gets
// there or the user presses Ctrl-C; a simulation cannot hang, so "wait forever" is capped and then
// reported with kubectl's own timeout error, as if --timeout had been given.
import type { KubeObject } from "../../api/types";
import type { CommandContext } from "../command";
import { parseGoDuration } from "./duration";
import { fail } from "./errors";
import type { Info } from "./resources";

/** How long a wait without --timeout (or --timeout=0: "forever") may last: 10 simulated minutes. */
export const WAIT_FOREVER_CAP_MS = 10 * 60 * 1000;

/** The timeout of a `--timeout` duration flag: 0 or absent means forever (capped). */
export function timeoutMs(value: string | undefined, flag = "--timeout"): number {
  if (value === undefined || value === "") return WAIT_FOREVER_CAP_MS;
  const ms = parseGoDuration(value);
  if (ms === undefined) fail(`invalid argument ${JSON.stringify(value)} for "${flag}" flag: time: invalid duration ${JSON.stringify(value)}`);
  return ms <= 0 ? WAIT_FOREVER_CAP_MS : ms;
}

/** The stored object behind `info`, or undefined once it (that incarnation, by UID) is gone. */
export function currentIncarnation(ctx: CommandContext, info: Info, uid: string | undefined): KubeObject | undefined {
  const key = info.type.namespaced ? `${info.type.resource}/${info.namespace}/${info.name}` : `${info.type.resource}/${info.name}`;
  const obj = ctx.env.api.store.get(info.type.resource, key);
  if (!obj || (uid !== undefined && obj.metadata.uid !== uid)) return undefined;
  return obj;
}

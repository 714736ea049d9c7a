// The page's side of the worker protocol: one typed `request` that resolves with the worker's reply.
// Components call `engine.request({ kind: "run", line })` and never touch postMessage themselves.
// (The implementation — spawning the worker, routing batches into the store, restart after a crash —
// lives in workerBridge.ts; this interface is what components depend on.)
import type { ReplyBody, RequestBody } from "../engine/protocol";

export interface EngineBridge {
  request(body: RequestBody): Promise<ReplyBody>;
}

let current: EngineBridge | undefined;

/** Installed once at start-up by the worker bridge (and by tests with a fake). */
export function setEngine(b: EngineBridge): void {
  current = b;
}

export const engine: EngineBridge = {
  request(body) {
    if (!current) return Promise.resolve({ kind: "error", message: "the engine is not running yet" });
    return current.request(body);
  },
};

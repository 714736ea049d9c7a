// Test support for the page components (jsdom): a scripted engine behind the bridge, and a store reset.
import type { ReplyBody, RequestBody } from "../../../engine/protocol";
import { setEngine } from "../../../state/bridge";
import { useKubelab, type KubelabState } from "../../../state/store";

export interface FakeEngine {
  /** Every request, in order. */
  readonly requests: RequestBody[];
  /** Requests of one kind. */
  of<K extends RequestBody["kind"]>(kind: K): Extract<RequestBody, { kind: K }>[];
}

/** Installs an engine whose replies come from `answer` (an `ok` reply when it returns undefined). */
export function installFakeEngine(answer: (body: RequestBody) => ReplyBody | undefined | Promise<ReplyBody | undefined>): FakeEngine {
  const requests: RequestBody[] = [];
  setEngine({
    async request(body) {
      requests.push(body);
      return (await answer(body)) ?? { kind: "ok" };
    },
  });
  return {
    requests,
    of: <K extends RequestBody["kind"]>(kind: K) => requests.filter((r): r is Extract<RequestBody, { kind: K }> => r.kind === kind),
  };
}

const initial: KubelabState = useKubelab.getState();

/** Puts the store back to its initial state, then applies `patch`. */
export function resetStore(patch: Partial<KubelabState> = {}): void {
  useKubelab.setState({ ...initial, ...patch }, true);
}

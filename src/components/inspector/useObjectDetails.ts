// Fetches the inspector's details for the selected object, and again whenever the store replaces that
// object (every change in the cluster gives it a new identity). At most one request is in flight: changes
// that arrive meanwhile collapse into one follow-up request for the object selected by then, so a pod
// that changes every frame costs one round trip at a time, not one per frame.
import { useEffect, useRef, useState } from "react";
import type { ObjectDetails, ViewItem } from "../../engine/protocol";
import { engine } from "../../state/bridge";

export interface DetailsState {
  /** The id the details belong to. */
  id?: string;
  details?: ObjectDetails | null;
  error?: string;
  loading: boolean;
}

export function useObjectDetails(id: string | undefined, item: ViewItem | undefined): DetailsState {
  const [state, setState] = useState<DetailsState>({ loading: false });
  const inFlight = useRef(false);
  const again = useRef(false);
  const wanted = useRef<string | undefined>(id);
  const fetchLatest = useRef<() => void>(() => {});
  wanted.current = id;

  fetchLatest.current = () => {
    const asked = wanted.current;
    if (asked === undefined) return;
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    engine
      .request({ kind: "details", id: asked })
      .then((reply) => {
        if (wanted.current !== asked) return;
        if (reply.kind === "details") setState({ id: asked, details: reply.details, loading: false });
        else setState({ id: asked, error: reply.kind === "error" ? reply.message : `unexpected reply "${reply.kind}"`, loading: false });
      })
      .catch((e: unknown) => {
        if (wanted.current === asked) setState({ id: asked, error: e instanceof Error ? e.message : String(e), loading: false });
      })
      .finally(() => {
        inFlight.current = false;
        if (again.current) {
          again.current = false;
          fetchLatest.current();
        }
      });
  };

  useEffect(() => {
    if (id === undefined) {
      setState({ loading: false });
      return;
    }
    setState((s) => (s.id === id ? s : { id, loading: true }));
    fetchLatest.current();
    // `item` is a dependency on purpose: a new object identity means the object changed.
  }, [id, item]);

  return state;
}

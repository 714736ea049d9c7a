// useMessageFlow feeds new API messages from the store into the MessageAnimator and publishes its view
// in the graph's flight store. It listens to the store outside React (no re-render of the graph per
// batch), routes each message against the latest drawn cluster, and sleeps until the animator next has
// something to do.
import { useEffect, useRef } from "react";
import { useKubelab } from "../../../state/store";
import type { FlowMessage } from "../../../engine/protocol";
import { DEFAULT_ANIMATOR, DOTS_ANIMATOR, MessageAnimator } from "../model/animator";
import type { GraphFrame } from "../model/graphModel";
import { CARD_MAX_NODES } from "../model/lod";
import { routeMessage, type RouteContext } from "../model/routing";
import { useFlights } from "../graphStores";

/** Pods are found through the store's PodNameIndex (kept current per batch), not by indexing the
 *  drawn partition again for every batch. */
/** Least real time between two updates of the edges' flights and counters. */
export const PUBLISH_MS = 100;

export function routeContext(frame: GraphFrame): RouteContext {
  const nodeNames = frame.partition.nodes.map((n) => n.name);
  return { nodeNames, fanOutLimit: CARD_MAX_NODES, aggregateNodes: frame.lod === "dots", podNode: (ns, name) => useKubelab.getState().podIndex.nodeOf(ns, name) };
}

/** Messages newer than `afterSeq` (the array is oldest first, so scan back from the end). */
export function freshMessages(messages: readonly FlowMessage[], afterSeq: number): FlowMessage[] {
  let i = messages.length;
  while (i > 0 && messages[i - 1]!.seq > afterSeq) i--;
  return messages.slice(i);
}

export function useMessageFlow(frame: GraphFrame, animate: boolean): void {
  const ctxRef = useRef<RouteContext | null>(null);
  const nodesRef = useRef(frame.partition.nodes);
  const lodRef = useRef(frame.lod);
  if (ctxRef.current === null || nodesRef.current !== frame.partition.nodes || lodRef.current !== frame.lod) {
    ctxRef.current = routeContext(frame);
    nodesRef.current = frame.partition.nodes;
    lodRef.current = frame.lod;
  }
  const animatorRef = useRef<MessageAnimator | null>(null);
  if (animatorRef.current === null) animatorRef.current = new MessageAnimator();
  const animator = animatorRef.current;
  const lod = frame.lod;

  useEffect(() => {
    animator.setOptions({ ...(lod === "dots" ? DOTS_ANIMATOR : DEFAULT_ANIMATOR), animate });
  }, [animator, lod, animate]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let publishTimer: ReturnType<typeof setTimeout> | undefined;
    let published = -Infinity;
    const initial = useKubelab.getState().messages;
    let lastSeq = initial.length > 0 ? initial[initial.length - 1]!.seq : 0;
    // The view reaches the edges at most every PUBLISH_MS: counters and the caption need not change with
    // every batch (each change re-renders edges), and a flight starting a few ms late is not seen.
    const publish = () => {
      publishTimer = undefined;
      published = performance.now();
      useFlights.setState(animator.view, true);
    };
    const pump = () => {
      clearTimeout(timer);
      const now = performance.now();
      if (animator.advance(now) && publishTimer === undefined) {
        if (now - published >= PUBLISH_MS) publish();
        else publishTimer = setTimeout(publish, PUBLISH_MS - (now - published));
      }
      const wake = animator.nextWake();
      if (wake !== undefined) timer = setTimeout(pump, Math.max(0, wake - now));
    };
    const unsubscribe = useKubelab.subscribe((s, prev) => {
      if (s.messages === prev.messages) return;
      const last = s.messages[s.messages.length - 1];
      // A restarted worker numbers its audit log from the start again.
      if (last && last.seq < lastSeq) lastSeq = 0;
      const fresh = freshMessages(s.messages, lastSeq);
      if (fresh.length > 0) lastSeq = fresh[fresh.length - 1]!.seq;
      const now = performance.now();
      const ctx = ctxRef.current!;
      animator.push(fresh.map((m) => routeMessage(m, ctx)), now);
      animator.addDropped(s.droppedMessages, now);
      pump();
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
      clearTimeout(publishTimer);
    };
  }, [animator]);
}

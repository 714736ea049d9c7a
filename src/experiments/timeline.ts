// buildTimeline derives an experiment's timeline from what actually happened — the recorded API changes
// with their actors, the kubelets' heartbeats and the script lines run — never from a script of what
// should happen. Each mark says who acted and, where a setting decides the timing (the node monitor
// grace period, a toleration), why it happened when it did.
import type { Node, NodeCondition, Pod, Taint, Toleration } from "../engine/api/types";
import { formatSimDuration } from "../engine/sim/duration";
import type { ChaosRecord } from "../engine/sim/chaos/controlPlane";
import type { Change, Heartbeat } from "./recorder";
import { isReady, matches } from "./measure";
import type { Focus, MarkKind, ObjectRef, TimelineMark } from "./types";

export interface ExecutedLine {
  readonly t: number;
  readonly line: string;
  readonly kind: "failure" | "step";
  readonly note?: string;
  readonly failed: boolean;
  /** The first line of what a failed command printed on stderr. */
  readonly error?: string;
}

export interface TimelineInput {
  readonly failureAt: number;
  readonly focus: Focus;
  readonly changes: readonly Change[];
  readonly heartbeats: readonly Heartbeat[];
  readonly lines: readonly ExecutedLine[];
  readonly chaos: readonly ChaosRecord[];
  /** Nodes the failure took down or cut off (their last heartbeat is marked). */
  readonly affectedNodes: readonly string[];
  /** Ready endpoints in the steady state (restored = back to this many). */
  readonly baselineEndpoints: number;
  readonly nodeMonitorGracePeriodMs: number;
  readonly nodeMonitorPeriodMs: number;
}

interface Draft {
  t: number;
  order: number;
  kind: MarkKind;
  actor: string;
  text: string;
  why?: string;
  objects: ObjectRef[];
  /** Pod/object names, for aggregation. */
  names: string[];
  /** Marks of the same kind, actor and instant merge into one. */
  mergeable: boolean;
  other?: boolean;
}

const fmt = formatSimDuration;

function readyOf(n: Node | undefined): NodeCondition | undefined {
  return n?.status?.conditions?.find((c) => c.type === "Ready");
}

/** The taints the timeline shows: every NoExecute taint, and the node-pressure NoSchedule ones. */
function noExecuteTaints(n: Node | undefined): Taint[] {
  return (n?.spec?.taints ?? []).filter((t) => t.effect === "NoExecute" || (t.effect === "NoSchedule" && PRESSURE_TAINTS.has(t.key)));
}

const PRESSURE_TAINTS: ReadonlySet<string> = new Set(["node.kubernetes.io/memory-pressure", "node.kubernetes.io/disk-pressure", "node.kubernetes.io/pid-pressure"]);

function pressureOf(n: Node | undefined): boolean {
  return n?.status?.conditions?.some((c) => c.type === "MemoryPressure" && c.status === "True") ?? false;
}

function podRef(p: Pod): ObjectRef {
  return { kind: "Pod", namespace: p.metadata.namespace, name: p.metadata.name, uid: p.metadata.uid };
}

function nodeRef(n: Node): ObjectRef {
  return { kind: "Node", name: n.metadata.name, uid: n.metadata.uid };
}

/** The pod's tolerationSeconds for a NoExecute taint key (undefined: tolerated forever or not at all). */
function tolerationFor(p: Pod, key: string): number | undefined {
  let min: number | undefined;
  for (const t of (p.spec.tolerations ?? []) as Toleration[]) {
    const keyOk = t.key === undefined || t.key === "" ? t.operator === "Exists" : t.key === key;
    const effectOk = !t.effect || t.effect === "NoExecute";
    if (!keyOk || !effectOk || t.tolerationSeconds === undefined) continue;
    min = min === undefined ? t.tolerationSeconds : Math.min(min, t.tolerationSeconds);
  }
  return min;
}

function ownerKind(p: Pod): string | undefined {
  return p.metadata.ownerReferences?.find((o) => o.controller)?.kind;
}

function list(names: string[]): string {
  return names.length <= 3 ? names.join(", ") : `${names.slice(0, 3).join(", ")} and ${names.length - 3} more`;
}

export function buildTimeline(input: TimelineInput): TimelineMark[] {
  const drafts: Draft[] = [];
  let order = 0;
  let other = false;
  const add = (d: Omit<Draft, "order" | "names" | "mergeable" | "other"> & { names?: string[]; mergeable?: boolean }) =>
    drafts.push({ ...d, order: order++, names: d.names ?? [], mergeable: d.mergeable ?? false, ...(other ? { other: true } : {}) });
  const { failureAt, focus } = input;

  for (const l of input.lines) {
    const why = l.failed && l.error ? (l.note ? `${l.note} — ${l.error}` : l.error) : l.note;
    add({ t: l.t, kind: l.kind, actor: "sim", text: `${l.line}${l.failed ? " (failed)" : ""}`, ...(why ? { why } : {}), objects: [] });
  }
  for (const node of input.affectedNodes) {
    let last: number | undefined;
    for (const h of input.heartbeats) if (h.node === node && h.t <= failureAt) last = h.t;
    if (last === undefined) continue;
    add({
      t: last,
      kind: "heartbeat",
      actor: `kubelet/${node}`,
      text: `Last heartbeat from ${node}: its kubelet renewed its Lease for the last time`,
      why: "A kubelet renews its Lease every 10s; after this, nothing reaches the API server from this node.",
      objects: [{ kind: "Node", name: node }],
    });
  }
  for (const r of input.chaos) {
    if (r.t < failureAt) continue;
    if (r.verb === "leader") add({ t: r.t, kind: "component", actor: r.target, text: r.text, objects: [] });
    else if (r.verb === "poweroff") add({ t: r.t, kind: "step", actor: r.target, text: r.text, objects: [] });
  }

  const taintedAt = new Map<string, { t: number; key: string }>();
  const sliceReady = new Map<string, number>();
  let endpointsTotal = -1;
  let belowBaseline = false;

  for (const c of input.changes) {
    if (c.resource === "endpointslices") {
      const svc = c.object.metadata.labels?.["kubernetes.io/service-name"];
      if (!focus.service || svc !== focus.service) continue;
      const key = c.object.metadata.name;
      const before = [...sliceReady.values()].reduce((a, b) => a + b, 0);
      const eps = (c.object as unknown as { endpoints?: { conditions?: { ready?: boolean } }[] | null }).endpoints ?? [];
      if (c.type === "DELETED") sliceReady.delete(key);
      else sliceReady.set(key, eps.filter((e) => e.conditions?.ready === true).length);
      const now = [...sliceReady.values()].reduce((a, b) => a + b, 0);
      if (endpointsTotal < 0) endpointsTotal = before;
      if (c.t < failureAt || now === before) continue;
      if (now < before) {
        belowBaseline = true;
        add({
          t: c.t,
          kind: "endpointsRemoved",
          actor: c.actor,
          text: `Service ${focus.service} now has ${now} ready endpoint${now === 1 ? "" : "s"} (was ${before})`,
          why: now === 0 ? "No ready endpoint: every request to the Service fails." : "kube-proxy stops sending traffic to pods that are not ready.",
          objects: [{ kind: "Service", namespace: focus.namespace, name: focus.service }],
        });
      } else if (belowBaseline && now >= input.baselineEndpoints) {
        belowBaseline = false;
        add({
          t: c.t,
          kind: "endpointsRestored",
          actor: c.actor,
          text: `Service ${focus.service} is back to ${now} ready endpoint${now === 1 ? "" : "s"}`,
          objects: [{ kind: "Service", namespace: focus.namespace, name: focus.service }],
        });
      }
      continue;
    }
    if (c.resource === "nodes") {
      const n = c.object as Node;
      const p = c.prev as Node | undefined;
      if (c.type !== "MODIFIED" || !p) continue;
      const was = readyOf(p)?.status;
      const is = readyOf(n)?.status;
      if (c.t >= failureAt && was !== is) {
        if (is === "True") {
          add({ t: c.t, kind: "nodeReady", actor: c.actor, text: `${n.metadata.name} is Ready again`, objects: [nodeRef(n)] });
        } else if (was === "True" || was === undefined || is === "Unknown") {
          const cond = readyOf(n);
          let why: string | undefined;
          if (is === "Unknown") {
            let last: number | undefined;
            for (const h of input.heartbeats) if (h.node === n.metadata.name && h.t <= c.t) last = h.t;
            why = `No heartbeat for ${last === undefined ? "too long" : fmt(c.t - last)}: longer than node-monitor-grace-period (${fmt(input.nodeMonitorGracePeriodMs)}), checked every ${fmt(input.nodeMonitorPeriodMs)} (node-monitor-period).`;
          } else if (cond?.message === "node is shutting down") {
            why = "The kubelet reports the shutdown itself before stopping pods.";
          }
          add({
            t: c.t,
            kind: "nodeNotReady",
            actor: c.actor,
            text: `${n.metadata.name} Ready=${is}${cond?.reason ? ` (${cond.reason}: ${cond.message ?? ""})` : ""}`,
            ...(why ? { why } : {}),
            objects: [nodeRef(n)],
          });
        }
      }
      const pressureWas = pressureOf(p);
      const pressureIs = pressureOf(n);
      if (c.t >= failureAt && pressureIs !== pressureWas) {
        const cond = n.status?.conditions?.find((x) => x.type === "MemoryPressure");
        add({
          t: c.t,
          kind: "nodePressure",
          actor: c.actor,
          text: `${n.metadata.name} MemoryPressure=${cond?.status ?? "?"} (${cond?.reason ?? ""})`,
          why: pressureIs
            ? "memory.available fell below the kubelet's hard eviction threshold (100Mi): it evicts pods one at a time until memory is reclaimed."
            : "No pressure seen for evictionPressureTransitionPeriod (5m): the condition clears.",
          objects: [nodeRef(n)],
        });
      }
      const before = new Set(noExecuteTaints(p).map((t) => t.key));
      for (const t of noExecuteTaints(n)) {
        if (before.has(t.key)) continue;
        if (t.effect === "NoExecute") taintedAt.set(n.metadata.name, { t: c.t, key: t.key });
        if (c.t < failureAt) continue;
        add({
          t: c.t,
          kind: "taint",
          actor: c.actor,
          text: `${n.metadata.name} tainted ${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}`,
          why:
            t.effect === "NoSchedule"
              ? "TaintNodesByCondition: the scheduler places no new pod here while the condition lasts."
              : t.key === "node.kubernetes.io/out-of-service"
                ? "Out of service: the pod GC force-deletes the node's terminating pods, so StatefulSets can recreate them elsewhere."
                : "The taint-eviction-controller deletes pods that do not tolerate it; the others when their tolerationSeconds run out.",
          objects: [nodeRef(n)],
        });
      }
      const after = new Set(noExecuteTaints(n).map((t) => t.key));
      for (const key of before) {
        if (after.has(key) || c.t < failureAt) continue;
        const effect = noExecuteTaints(p).find((t) => t.key === key)?.effect ?? "NoExecute";
        add({ t: c.t, kind: "taint", actor: c.actor, text: `${n.metadata.name}: taint ${key}:${effect} removed`, objects: [nodeRef(n)] });
      }
      continue;
    }
    other = false;
    if (c.resource !== "pods" || c.t < failureAt) continue;
    const pod = c.object as Pod;
    if (!matches(pod, focus.selector)) {
      if (!(focus.alsoWatch ?? []).some((sel) => matches(pod, sel))) continue;
      other = true;
    }
    const prev = c.prev as Pod | undefined;
    const name = pod.metadata.name;
    const ref = podRef(pod);
    if (c.type === "ADDED") {
      const kind = ownerKind(pod);
      add({
        t: c.t,
        kind: "replacementCreated",
        actor: c.actor,
        text: `${c.actor} created`,
        why:
          kind === "ReplicaSet"
            ? "A ReplicaSet counts only active pods: deleted (Terminating) and Failed pods do not count, so it creates replacements at once."
            : kind === "StatefulSet"
              ? "A StatefulSet creates a pod with the same name only once the old pod object is gone."
              : undefined,
        objects: [ref],
        names: [name],
        mergeable: true,
      });
      continue;
    }
    if (c.type === "DELETED") {
      add({
        t: c.t,
        kind: "podDeleted",
        actor: c.actor,
        text: `${c.actor} removed from the API`,
        why: c.actor.startsWith("kubelet/")
          ? "The kubelet confirmed the containers stopped and finished the deletion."
          : c.actor === "pod-garbage-collector"
            ? "The pod GC force-deleted pods no kubelet will ever confirm (out-of-service or deleted node)."
            : undefined,
        objects: [ref],
        names: [name],
        mergeable: true,
      });
      continue;
    }
    if (!prev) continue;
    if (!prev.spec.nodeName && pod.spec.nodeName) {
      add({ t: c.t, kind: "scheduled", actor: c.actor, text: `${c.actor} bound to ${pod.spec.nodeName}`, objects: [ref, { kind: "Node", name: pod.spec.nodeName }], names: [name], mergeable: true });
    }
    if (!prev.metadata.deletionTimestamp && pod.metadata.deletionTimestamp) {
      // The taint-eviction-controller sends its requests as node-controller (ClientOrDie("node-controller"),
      // kube-controller-manager's core.go: "taint-manager uses existing cluster role from node-controller").
      const actor = c.actor === "node-controller" ? "taint-eviction-controller" : c.actor;
      const node = pod.spec.nodeName;
      const taint = node ? taintedAt.get(node) : undefined;
      let why: string | undefined;
      if (actor === "taint-eviction-controller" && taint) {
        const tol = tolerationFor(prev, taint.key);
        why = tol === undefined ? `The pods do not tolerate ${taint.key}.` : `tolerationSeconds ${tol} for ${taint.key} ran out ${fmt(c.t - taint.t)} after the taint.`;
      } else if (c.subresource === "eviction") {
        why = "The Eviction API (kubectl drain) checks PodDisruptionBudgets first: it refuses with 429 when an eviction would break one.";
      }
      add({
        t: c.t,
        kind: "eviction",
        actor,
        text: `${actor} ${c.subresource === "eviction" ? "evicted" : "deleted"}`,
        ...(why ? { why } : {}),
        objects: [ref],
        names: [name],
        mergeable: true,
      });
    }
    if (prev.status?.phase !== "Failed" && pod.status?.phase === "Failed") {
      add({
        t: c.t,
        kind: "podFailed",
        actor: c.actor,
        text: `${c.actor} set phase Failed${pod.status?.reason ? ` (${pod.status.reason})` : ""}`,
        ...(pod.status?.message ? { why: pod.status.message } : {}),
        objects: [ref],
        names: [name],
        mergeable: true,
      });
    }
    const wasReady = isReady(prev);
    const nowReady = isReady(pod);
    if (wasReady && !nowReady && !pod.metadata.deletionTimestamp && pod.status?.phase !== "Failed") {
      add({
        t: c.t,
        kind: "podsNotReady",
        actor: c.actor,
        text: `${c.actor} marked NotReady`,
        why: c.actor === "node-controller" ? "MarkPodsNotReady: their node is Unknown, so they leave the Service's endpoints." : "A failing readiness probe: the pod leaves the Service's endpoints.",
        objects: [ref],
        names: [name],
        mergeable: true,
      });
    }
    if (!wasReady && nowReady) {
      add({ t: c.t, kind: "running", actor: c.actor, text: `Ready on ${pod.spec.nodeName ?? "?"}`, objects: [ref], names: [name], mergeable: true });
    }
  }

  // Merge same kind + actor + instant, then order by time (stable).
  const merged: Draft[] = [];
  const byKey = new Map<string, Draft>();
  for (const d of drafts) {
    if (!d.mergeable) {
      merged.push(d);
      continue;
    }
    const key = `${d.kind}\u0000${d.actor}\u0000${d.t}\u0000${d.text}\u0000${d.other ? 1 : 0}`;
    const hit = byKey.get(key);
    if (hit) {
      hit.names.push(...d.names);
      hit.objects.push(...d.objects);
      continue;
    }
    const copy = { ...d, names: [...d.names], objects: [...d.objects] };
    byKey.set(key, copy);
    merged.push(copy);
  }
  merged.sort((a, b) => a.t - b.t || a.order - b.order);
  return merged.map((d, seq) => {
    const text = d.names.length > 0 ? `${describe(d)} ${list(d.names)}${suffix(d)}` : d.text;
    return { seq, t: d.t, dt: d.t - failureAt, kind: d.kind, actor: d.actor, text, ...(d.why ? { why: d.why } : {}), objects: dedupe(d.objects), ...(d.other ? { workload: false as const } : {}) };
  });
}

/** The verb phrase before the pod names ("replicaset-controller created 2 pods:"). */
function describe(d: Draft): string {
  const n = d.names.length;
  const pods = `${n} pod${n === 1 ? "" : "s"}:`;
  switch (d.kind) {
    case "replacementCreated":
      return `${d.actor} created ${pods}`;
    case "podDeleted":
      return `${d.actor} removed ${pods}`;
    case "eviction":
      return `${d.text} ${pods}`;
    case "podsNotReady":
      return `${d.actor} marked ${pods}`;
    case "podFailed":
      return `${d.actor} failed ${pods}`;
    case "scheduled":
      return `${d.actor} bound ${pods}`;
    case "running":
      return `Ready: ${pods}`;
    default:
      return d.text;
  }
}

function suffix(d: Draft): string {
  switch (d.kind) {
    case "podsNotReady":
      return " (NotReady)";
    case "scheduled":
      return ` → ${d.text.replace(/^.* bound to /, "")}`;
    case "running":
      return ` (${d.text.replace(/^Ready /, "")})`;
    case "podFailed":
      return d.text.replace(/^.* set phase Failed/, " → Failed");
    case "podDeleted":
      return " (gone from the API)";
    default:
      return "";
  }
}

function dedupe(objects: ObjectRef[]): ObjectRef[] {
  const seen = new Set<string>();
  const out: ObjectRef[] = [];
  for (const o of objects) {
    const k = `${o.kind}/${o.namespace ?? ""}/${o.name}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(o);
  }
  return out;
}

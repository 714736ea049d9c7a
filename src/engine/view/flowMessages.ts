// FlowMessage: one audit entry as the page animates it, with the graph box it starts from and a sentence a
// learner reads ("kube-scheduler binds default/web-1 to node-2"). Built only for the entries a batch keeps,
// so its store look-ups (the node a pod was bound to, the reason of an event) cost nothing under load.
import type { KubeEvent } from "../api/types";
import { RESOURCE_TYPES, storageKey } from "../api/registry";
import type { AuditEntry } from "../apiserver/audit";
import type { Store } from "../apiserver/store";
import type { ActorId, FlowMessage } from "../protocol";

/** Resource (plural) → singular, from discovery ("pods" → "pod"). */
const SINGULAR: ReadonlyMap<string, string> = new Map(RESOURCE_TYPES.map((t) => [t.resource, t.singular]));

/** Status reasons for the HTTP codes the API server answers with (metav1.StatusReason). */
const REASONS: Readonly<Record<number, string>> = {
  400: "BadRequest",
  403: "Forbidden",
  404: "NotFound",
  405: "MethodNotAllowed",
  409: "Conflict",
  410: "Gone",
  413: "RequestEntityTooLarge",
  422: "Invalid",
  429: "TooManyRequests",
  500: "InternalError",
  503: "ServiceUnavailable",
};

/**
 * The graph box an actor's requests start from. Control loops live inside kube-controller-manager; the
 * scheduler records events as "default-scheduler"; node agents keep their per-node names. Any other
 * client (kubeadm at boot, a lesson's checker) is drawn as the learner's own client, kubectl.
 */
export function actorBox(actor: string): ActorId {
  if (actor === "kubectl" || actor === "kube-scheduler") return actor;
  if (actor.startsWith("kubelet/") || actor.startsWith("kube-proxy/")) return actor;
  if (actor === "default-scheduler") return "kube-scheduler";
  if (actor === "system:apiserver") return "kube-apiserver";
  if (actor.endsWith("-controller") || actor.endsWith("garbage-collector")) return "kube-controller-manager";
  return "kubectl";
}

function singular(resource: string): string {
  return SINGULAR.get(resource) ?? resource;
}

function ref(e: AuditEntry): string {
  if (!e.name) return e.namespace ? `in ${e.namespace}` : "";
  return e.namespace ? `${e.namespace}/${e.name}` : e.name;
}

/** What the request did, in words; `store` is read as it stands right after the request. */
export function summarize(e: AuditEntry, store: Store): string {
  const who = e.actor;
  const what = `${singular(e.resource)} ${ref(e)}`;
  let s: string;
  switch (e.verb) {
    case "create":
      if (e.subresource === "binding") {
        const pod = e.name ? store.get("pods", storageKey("pods", e.namespace, e.name)) : undefined;
        const node = pod?.spec?.nodeName as string | undefined;
        s = `${who} binds ${ref(e)}${node && e.code < 300 ? ` to ${node}` : ""}`;
      } else if (e.subresource === "eviction") {
        s = `${who} evicts ${what}`;
      } else if (e.resource === "events") {
        s = `${who} records ${eventText(e, store)}`;
      } else {
        s = `${who} creates ${what}`;
      }
      break;
    case "update":
    case "patch":
      if (e.resource === "leases" && who.startsWith("kubelet/")) s = `${who} renews lease ${ref(e)}`;
      else if (e.subresource === "status") s = `${who} updates status of ${what}`;
      else if (e.resource === "events") s = `${who} records ${eventText(e, store)}`;
      else s = `${who} ${e.verb === "update" ? "updates" : "patches"} ${what}`;
      break;
    case "delete":
      s = `${who} deletes ${what}`;
      break;
    case "deletecollection":
      s = `${who} deletes all ${e.resource}${e.namespace ? ` in ${e.namespace}` : ""}`;
      break;
    case "get":
      s = `${who} reads ${what}`;
      break;
    case "list":
      s = `${who} lists ${e.resource}${e.namespace ? ` in ${e.namespace}` : ""}`;
      break;
    case "watch":
      s = `${who} watches ${e.resource}${e.namespace ? ` in ${e.namespace}` : ""}`;
      break;
  }
  if (e.code >= 400) s += ` (refused: ${e.code} ${REASONS[e.code] ?? "Error"})`;
  return s;
}

// "event Scheduled about pod default/web-1": the reason and the object, when the event is still stored.
function eventText(e: AuditEntry, store: Store): string {
  const ev = e.name ? (store.get("events", storageKey("events", e.namespace, e.name)) as KubeEvent | undefined) : undefined;
  if (!ev) return `event ${ref(e)}`;
  const o = ev.involvedObject ?? ({} as KubeEvent["involvedObject"]);
  const obj = `${(o.kind ?? "").toLowerCase()} ${o.namespace ? `${o.namespace}/` : ""}${o.name ?? ""}`;
  return `event ${ev.reason} about ${obj}`;
}

export function flowMessage(e: AuditEntry, store: Store): FlowMessage {
  const m: { -readonly [K in keyof FlowMessage]: FlowMessage[K] } = {
    seq: e.seq,
    t: e.t,
    actor: e.actor,
    from: actorBox(e.actor),
    verb: e.verb,
    resource: e.resource,
    code: e.code,
    summary: summarize(e, store),
  };
  if (e.subresource) m.subresource = e.subresource;
  if (e.namespace) m.namespace = e.namespace;
  if (e.name) m.name = e.name;
  return m;
}

// Reconciler turns "the pods a Service selects" into EndpointSlices with as few writes as possible:
// endpoints are grouped by the ports they resolve to, existing slices are updated in place, leftovers fill
// the slice closest to full, new slices take at most maxEndpointsPerSlice (100), and a Service that
// selects nothing keeps exactly one empty placeholder slice.
// mirrors Reconciler.Reconcile, reconcileByAddressType, reconcileByPortMapping and finalize
// (k8s.io/endpointslice/reconciler.go). Topology hints and trafficDistribution are not modelled.
import type { Node, Pod } from "../../api/types";
import { ApiError } from "../../apiserver/errors";
import type { ApiClient } from "../../client/apiClient";
import { deepCopy } from "../../sim/clone";
import { endpointsEqualBeyondHash, EndpointSet, portMapKey } from "./endpointSet";
import type { EndpointSliceTracker } from "./endpointSliceTracker";
import { shouldPodBeInEndpoints } from "./podEndpoints";
import {
  addTriggerTimeAnnotation, getEndpointPorts, getSliceToFill, newEndpointSlice, ownedBy, podToEndpoint, setEndpointSliceLabels,
  type AddressType,
} from "./sliceUtils";
import type { Endpoint, EndpointPort, EndpointSlice, Service } from "./types";

export interface ReconcilerDeps {
  client: ApiClient;
  tracker: EndpointSliceTracker;
  nodeByName(name: string): Node | undefined;
  maxEndpointsPerSlice: number;
  /** The managed-by label value ("endpointslice-controller.k8s.io"). */
  controllerName: string;
}

interface Plan {
  create: EndpointSlice[];
  update: EndpointSlice[];
  delete: EndpointSlice[];
}

const byName = (a: EndpointSlice, b: EndpointSlice): number => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0);
const endpointsOf = (s: EndpointSlice): Endpoint[] => s.endpoints ?? [];

/** Appends to a slice this sync owns (a fresh slice or a deep copy). */
function append(s: EndpointSlice, ep: Endpoint): void {
  if (s.endpoints) s.endpoints.push(ep);
  else s.endpoints = [ep];
}

// mirrors getAddressTypesForService
function addressTypesFor(svc: Service): AddressType[] {
  const out: AddressType[] = [];
  for (const f of svc.spec.ipFamilies ?? []) if ((f === "IPv4" || f === "IPv6") && !out.includes(f)) out.push(f);
  if (out.length > 0) return out;
  const ip = svc.spec.clusterIP;
  if (ip && ip !== "None") return [ip.includes(":") ? "IPv6" : "IPv4"];
  return ["IPv4", "IPv6"];
}

/** utilerrors.NewAggregate(errs).Error(): one message bare, several in brackets. */
export function aggregate(errs: readonly string[]): Error | undefined {
  if (errs.length === 0) return undefined;
  return new Error(errs.length === 1 ? errs[0] : `[${errs.join(", ")}]`);
}

/** What a pod contributes to a Service's slices; shared, never mutated once built. */
interface PodEntry {
  readonly svc: Service;
  readonly node: Node | undefined;
  readonly addressType: AddressType;
  readonly ports: EndpointPort[];
  readonly key: string;
  readonly ep: Endpoint;
}

export class Reconciler {
  /**
   * Cached objects are replaced, never changed, on every update: an entry keyed by the pod object is
   * valid as long as the Service and Node objects it was built from are the current ones. This keeps a
   * resync of a large Service to a map lookup per unchanged pod.
   */
  private readonly podCache = new WeakMap<Pod, PodEntry>();

  constructor(private readonly d: ReconcilerDeps) {}

  private podEntry(pod: Pod, node: Node | undefined, svc: Service, addressType: AddressType): PodEntry {
    const hit = this.podCache.get(pod);
    if (hit && hit.svc === svc && hit.node === node && hit.addressType === addressType) return hit;
    const ports = getEndpointPorts(svc, pod);
    const entry: PodEntry = { svc, node, addressType, ports, key: portMapKey(ports), ep: podToEndpoint(pod, node, svc, addressType) };
    this.podCache.set(pod, entry);
    return entry;
  }

  /** Reconcile: throws (after writing what it could) when some pods or writes failed. */
  reconcile(svc: Service, pods: readonly Pod[], existing: readonly EndpointSlice[], triggerTime: number | undefined): void {
    const errs: string[] = [];
    const types = addressTypesFor(svc);
    const byType = new Map<AddressType, EndpointSlice[]>();
    const toDelete: EndpointSlice[] = [];
    for (const s of [...existing].sort(byName)) {
      if (!types.includes(s.addressType)) toDelete.push(s);
      else byType.set(s.addressType, [...(byType.get(s.addressType) ?? []), s]);
    }
    for (const t of types) {
      try {
        this.reconcileByAddressType(svc, pods, byType.get(t) ?? [], triggerTime, t, errs);
      } catch (e) {
        errs.push((e as Error).message);
      }
    }
    for (const s of toDelete) {
      try {
        this.deleteSlice(s);
      } catch (e) {
        errs.push(`error deleting ${s.metadata.name} EndpointSlice for Service ${svc.metadata.namespace}/${svc.metadata.name}: ${(e as Error).message}`);
      }
    }
    const err = aggregate(errs);
    if (err) throw err;
  }

  private reconcileByAddressType(svc: Service, pods: readonly Pod[], existing: EndpointSlice[], triggerTime: number | undefined, addressType: AddressType, errs: string[]): void {
    const plan: Plan = { create: [], update: [], delete: [] };
    const existingByPortMap = new Map<string, EndpointSlice[]>();
    for (const s of existing) {
      if (!ownedBy(s, svc)) {
        plan.delete.push(s);
        continue;
      }
      const key = portMapKey(s.ports);
      existingByPortMap.set(key, [...(existingByPortMap.get(key) ?? []), s]);
    }
    const desiredPorts = new Map<string, EndpointPort[]>();
    const desired = new Map<string, EndpointSet>();
    for (const pod of pods) {
      if (!shouldPodBeInEndpoints(pod, true)) continue;
      const node = pod.spec.nodeName ? this.d.nodeByName(pod.spec.nodeName) : undefined;
      const entry = this.podEntry(pod, node, svc, addressType);
      let set = desired.get(entry.key);
      if (!set) {
        desired.set(entry.key, (set = new EndpointSet()));
        desiredPorts.set(entry.key, entry.ports);
      }
      if (!node && !svc.spec.publishNotReadyAddresses) {
        // The pod is left out but the rest is written; the error requeues the Service for a later look.
        errs.push(`skipping Pod ${pod.metadata.name} for Service ${svc.metadata.namespace}/${svc.metadata.name}: Node ${pod.spec.nodeName ?? ""} Not Found`);
        continue;
      }
      if (entry.ep.addresses.length > 0) set.insert(entry.ep);
    }
    for (const [key, set] of desired) {
      const p = this.reconcileByPortMapping(svc, existingByPortMap.get(key) ?? [], set, desiredPorts.get(key)!, addressType);
      plan.create.push(...p.create);
      plan.update.push(...p.update);
      plan.delete.push(...p.delete);
    }
    for (const [key, slices] of existingByPortMap) if (!desired.has(key)) plan.delete.push(...slices);

    // When no slice would remain, keep (or create) one empty placeholder.
    if (existing.length === plan.delete.length && plan.create.length < 1) {
      const placeholder = newEndpointSlice(svc, [], addressType, this.d.controllerName);
      if (plan.delete.length === 1 && placeholderEqual(plan.delete[0]!, placeholder)) plan.delete = [];
      else plan.create.push(placeholder);
    }
    this.finalize(svc, plan, triggerTime);
  }

  // mirrors reconcileByPortMapping (steps 1-3)
  private reconcileByPortMapping(svc: Service, existing: EndpointSlice[], desired: EndpointSet, ports: EndpointPort[], addressType: AddressType): Plan {
    const max = this.d.maxEndpointsPerSlice;
    const slicesByName = new Map<string, EndpointSlice>();
    const unchanged = new Set<string>();
    const toUpdate = new Set<string>();
    const toDelete = new Set<string>();

    // 1. Keep desired endpoints where they are (refreshed), drop the others, re-mirror labels.
    for (const s of existing) {
      slicesByName.set(s.metadata.name, s);
      const kept: Endpoint[] = [];
      let endpointUpdated = false;
      for (const ep of endpointsOf(s)) {
        const got = desired.get(ep);
        if (!got) continue;
        kept.push(got);
        if (!endpointsEqualBeyondHash(got, ep)) endpointUpdated = true;
        desired.delete(ep);
      }
      const [labels, labelsChanged] = setEndpointSliceLabels(s, svc, this.d.controllerName);
      if (endpointUpdated || endpointsOf(s).length !== kept.length) {
        if (kept.length === 0) toDelete.add(s.metadata.name);
        else {
          const copy = deepCopy(s);
          copy.endpoints = kept;
          copy.metadata.labels = labels;
          slicesByName.set(s.metadata.name, copy);
          toUpdate.add(s.metadata.name);
        }
      } else if (labelsChanged) {
        const copy = deepCopy(s);
        copy.metadata.labels = labels;
        slicesByName.set(s.metadata.name, copy);
        toUpdate.add(s.metadata.name);
      } else {
        unchanged.add(s.metadata.name);
      }
    }

    // 2. Top up the slices already being updated, fullest first.
    if (desired.size > 0 && toUpdate.size > 0) {
      const slices = [...toUpdate].map((n) => slicesByName.get(n)!).sort((a, b) => endpointsOf(b).length - endpointsOf(a).length || byName(a, b));
      for (const s of slices) {
        while (desired.size > 0 && endpointsOf(s).length < max) append(s, desired.popAny()!);
      }
    }

    // 3. Fit the rest into an unchanged slice if one has room for all of it, else into new slices.
    const create: EndpointSlice[] = [];
    while (desired.size > 0) {
      let fill: EndpointSlice | undefined;
      if (desired.size < max && unchanged.size > 0) {
        const candidates = [...unchanged].map((n) => slicesByName.get(n)!);
        fill = getSliceToFill(candidates, desired.size, max);
      }
      if (!fill) fill = newEndpointSlice(svc, ports, addressType, this.d.controllerName);
      else {
        fill = deepCopy(fill);
        slicesByName.set(fill.metadata.name, fill);
      }
      while (desired.size > 0 && endpointsOf(fill).length < max) append(fill, desired.popAny()!);
      if (fill.metadata.name) {
        toUpdate.add(fill.metadata.name);
        unchanged.delete(fill.metadata.name);
      } else {
        create.push(fill);
      }
    }
    return {
      create,
      update: [...toUpdate].map((n) => slicesByName.get(n)!),
      delete: [...toDelete].map((n) => slicesByName.get(n)!),
    };
  }

  // mirrors finalize: creates become updates of slices that would be deleted; no creates for a Service
  // being deleted (the garbage collector is removing its slices).
  private finalize(svc: Service, plan: Plan, triggerTime: number | undefined): void {
    for (let i = 0; i < plan.delete.length && plan.create.length > 0; ) {
      const victim = plan.delete[i]!;
      const slice = plan.create[plan.create.length - 1]!;
      if (victim.addressType === slice.addressType && ownedBy(victim, svc)) {
        slice.metadata.name = victim.metadata.name;
        plan.create.pop();
        plan.update.push(slice);
        plan.delete.splice(i, 1);
      } else i++;
    }
    const where = `Service ${svc.metadata.namespace}/${svc.metadata.name}`;
    if (!svc.metadata.deletionTimestamp) {
      for (const s of plan.create) {
        addTriggerTimeAnnotation(s, triggerTime);
        try {
          this.d.tracker.update(this.d.client.create(toWire(s)));
        } catch (e) {
          // A terminating namespace refuses creates for good: drop the item.
          if (e instanceof ApiError && e.code === 403 && e.message.includes("because it is being terminated")) return;
          throw new Error(`failed to create EndpointSlice for ${where}: ${(e as Error).message}`);
        }
      }
    }
    for (const s of plan.update) {
      addTriggerTimeAnnotation(s, triggerTime);
      try {
        this.d.tracker.update(this.d.client.update(toWire(s)));
      } catch (e) {
        throw new Error(`failed to update ${s.metadata.name} EndpointSlice for ${where}: ${(e as Error).message}`);
      }
    }
    for (const s of plan.delete) {
      try {
        this.deleteSlice(s);
      } catch (e) {
        throw new Error(`failed to delete ${s.metadata.name} EndpointSlice for ${where}: ${(e as Error).message}`);
      }
    }
  }

  /** deleteEndpointSlice: an already-deleted slice is fine. */
  private deleteSlice(s: EndpointSlice): void {
    try {
      this.d.client.delete("EndpointSlice", s.metadata.namespace, s.metadata.name);
    } catch (e) {
      if (e instanceof ApiError && e.code === 404) return;
      throw e;
    }
    this.d.tracker.expectDeletion(s);
  }
}

/** Empty lists go over the wire as null (Go nil slices), which is how the API shows a placeholder slice. */
function toWire(s: EndpointSlice): EndpointSlice {
  if (s.endpoints && s.endpoints.length === 0) s.endpoints = null;
  if (s.ports && s.ports.length === 0) s.ports = null;
  return s;
}

// mirrors placeholderSliceCompare: namespace and labels of the metadata, then the rest of the slice.
function placeholderEqual(a: EndpointSlice, b: EndpointSlice): boolean {
  if (a.metadata.namespace !== b.metadata.namespace || a.addressType !== b.addressType) return false;
  const la = a.metadata.labels ?? {};
  const lb = b.metadata.labels ?? {};
  const ka = Object.keys(la);
  if (ka.length !== Object.keys(lb).length || ka.some((k) => la[k] !== lb[k])) return false;
  return endpointsOf(a).length === 0 && endpointsOf(b).length === 0 && (a.ports?.length ?? 0) === 0 && (b.ports?.length ?? 0) === 0;
}

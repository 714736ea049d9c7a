// VolumeBinding: a pod with PersistentVolumeClaims goes only where its volumes can be: PreFilter keeps it
// Pending while a claim is missing, being deleted, Lost, or unbound with Immediate binding (the PV controller's
// job); Filter checks each node (bound volumes' node affinity, a static PV to pre-bind, or a class that can
// provision there — WaitForFirstConsumer); Reserve assumes the chosen bindings; PreBind writes them (PV
// claimRef, or the claim's selected-node annotation that starts provisioning) and waits, polling every
// second for up to 10 minutes, until the PV controller has bound every claim — only then is the pod bound.
// mirrors pkg/scheduler/framework/plugins/volumebinding/volume_binding.go (PreFilter, podHasPVCs, Filter,
// Reserve, PreBind, Unreserve, EventsToRegister) and binder.go (AssumePodVolumes, BindPodVolumes,
// bindAPIUpdate, RevertAssumedPodVolumes). Score (StorageCapacityScoring) is alpha in v1.34: not here.
import type { Node, Pod } from "../../api/types";
import { deepCopy } from "../../sim/clone";
import { getBindVolumeToClaim } from "../../controllers/volume/pvHelpers";
import { podClaimNames, podHasClaims } from "../../controllers/volume/podPVCIndex";
import { Ann, type PersistentVolume, type PersistentVolumeClaim } from "../../controllers/volume/types";
import type { NodeInfo } from "../framework/nodeInfo";
import type { PodInfo } from "../framework/podInfo";
import {
  ActionType,
  newStatus,
  type ClusterEventWithHint,
  type CycleState,
  type EnqueueExtensions,
  type FilterPlugin,
  type PreFilterPlugin,
  type StateData,
  SKIP_PRE_FILTER,
  type Status,
} from "../framework/types";
import { VolumeBindingCache, type VolumeLookups } from "./volumeBindingCache";
import { BinderError, checkBindings, findPodVolumes, getPodVolumeClaims, pvcKey, type PodVolumeClaims, type PodVolumes } from "./volumeBindingFind";

export type { VolumeLookups } from "./volumeBindingCache";
export { ErrReasonBindConflict, ErrReasonNodeConflict, ErrReasonPVNotExist } from "./volumeBindingFind";

export const VolumeBindingName = "VolumeBinding";
export const ErrReasonUnboundImmediatePVC = "pod has unbound immediate PersistentVolumeClaims";
/** VolumeBindingArgs.BindTimeoutSeconds default (pkg/scheduler/apis/config/v1/defaults.go): 600s. */
export const DefaultBindTimeoutMs = 600_000;
/** BindPodVolumes polls checkBindings every second (wait.PollUntilContextTimeout(ctx, time.Second, ...)). */
export const BindPollIntervalMs = 1_000;

const stateKey = VolumeBindingName;

/** stateData: written in PreFilter, filled per node by Filter, read by Reserve and PreBind. Shared by clones. */
export class VolumeBindingState implements StateData {
  allBound = false;
  readonly podVolumesByNode = new Map<string, PodVolumes>();
  constructor(readonly claims: PodVolumeClaims | undefined) {}
  clone(): StateData {
    return this;
  }
}

/** What PreBind needs from the scheduler process: an API client and its clock. */
export interface VolumeBindingHost {
  updatePV(pv: PersistentVolume): PersistentVolume;
  updatePVC(pvc: PersistentVolumeClaim): PersistentVolumeClaim;
  /** Runs `fn` after `ms` of simulated time; returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
  now(): number;
}

const NO_CLAIMS = new VolumeBindingState(undefined);

export class VolumeBinding implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {
  readonly name = VolumeBindingName;
  readonly cache: VolumeBindingCache;
  /** The last cycle's state per pod uid: Reserve/PreBind run after scheduleOne returned (its CycleState is gone). */
  private readonly lastState = new Map<string, VolumeBindingState>();
  bindTimeoutMs = DefaultBindTimeoutMs;

  constructor(lookups: VolumeLookups) {
    this.cache = new VolumeBindingCache(lookups);
  }

  /** podHasPVCs: Skip for a pod without claims; a claim missing, being deleted or Lost is unresolvable. */
  preFilter(state: CycleState, pod: PodInfo): { status: Status | null } {
    const p = pod.pod;
    const ns = p.metadata.namespace ?? "default";
    if (!podHasClaims(p)) {
      // Most pods: no claims, no allocation (Filter is skipped; the state only says "nothing to do").
      state.write(stateKey, NO_CLAIMS);
      if (this.lastState.size > 0) this.lastState.delete(pod.uid);
      return SKIP_PRE_FILTER;
    }
    const names = podClaimNames(p);
    const ephemeral = new Set((p.spec.volumes ?? []).filter((v) => v.ephemeral).map((v) => `${p.metadata.name}-${v.name}`));
    for (const claimName of names) {
      const pvc = this.cache.lookups.pvc(ns, claimName) as PersistentVolumeClaim | undefined;
      if (!pvc) {
        const msg = ephemeral.has(claimName)
          ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${claimName}"`
          : `persistentvolumeclaim "${claimName}" not found`;
        return { status: newStatus("UnschedulableAndUnresolvable", msg) };
      }
      if (pvc.status?.phase === "Lost") {
        return { status: newStatus("UnschedulableAndUnresolvable", `persistentvolumeclaim "${claimName}" bound to non-existent persistentvolume "${pvc.spec?.volumeName ?? ""}"`) };
      }
      if (pvc.metadata.deletionTimestamp) {
        return { status: newStatus("UnschedulableAndUnresolvable", `persistentvolumeclaim "${claimName}" is being deleted`) };
      }
    }
    let claims: PodVolumeClaims;
    try {
      claims = getPodVolumeClaims(p, this.cache);
    } catch (e) {
      return { status: newStatus("Error", (e as Error).message) };
    }
    if (claims.unboundClaimsImmediate.length > 0) return { status: newStatus("UnschedulableAndUnresolvable", ErrReasonUnboundImmediatePVC) };
    const s = new VolumeBindingState(claims);
    state.write(stateKey, s);
    this.lastState.set(pod.uid, s);
    return { status: null };
  }

  /** Filter: FindPodVolumes for this node; its conflict reasons make the node UnschedulableAndUnresolvable. */
  filter(state: CycleState, _pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    const s = state.read<VolumeBindingState>(stateKey);
    if (!s?.claims) return null;
    const node = nodeInfo.node;
    if (!node) return newStatus("Error", "node not found");
    try {
      const { podVolumes, reasons } = findPodVolumes(node as Node, s.claims, this.cache);
      if (reasons.length > 0) return newStatus("UnschedulableAndUnresolvable", ...reasons);
      s.podVolumesByNode.set(node.metadata.name, podVolumes);
      return null;
    } catch (e) {
      if (e instanceof BinderError) return newStatus("Error", e.message);
      throw e;
    }
  }

  /** A new node, or new labels, may satisfy a volume's node affinity or a class's allowed topologies. */
  eventsToRegister(): ClusterEventWithHint[] {
    return [{ event: { resource: "Node", actionType: ActionType.Add | ActionType.UpdateNodeLabel } }];
  }

  /** Whether the pod has any claim (the binding cycle runs Reserve/PreBind only then). */
  hasClaims(pod: Pod): boolean {
    return this.lastState.has(pod.metadata.uid);
  }

  /**
   * Reserve (AssumePodVolumes): nothing to do when every claim is fully bound; otherwise assume the chosen
   * static bindings (PV pre-bound to the claim) and provisioning (claim with the selected node).
   */
  reserve(pod: Pod, nodeName: string): Status | null {
    const s = this.lastState.get(pod.metadata.uid);
    const pv = s?.podVolumesByNode.get(nodeName);
    if (!s || !pv) {
      if (s) s.allBound = true;
      return null;
    }
    if (s.claims && s.claims.unboundClaimsDelayBinding.length === 0) {
      s.allBound = true;
      return null;
    }
    const bindings = [];
    for (const b of pv.staticBindings) {
      const { volume, dirty } = getBindVolumeToClaim(b.pv, b.pvc);
      if (dirty) this.cache.assumePV(volume);
      bindings.push({ pv: volume, pvc: b.pvc });
    }
    const provisions: PersistentVolumeClaim[] = [];
    for (const claim of pv.dynamicProvisions) {
      const clone = deepCopy(claim);
      clone.metadata.annotations = { ...(clone.metadata.annotations ?? {}), [Ann.selectedNode]: nodeName };
      this.cache.assumePVC(pvcKey(clone), clone);
      provisions.push(clone);
    }
    pv.staticBindings = bindings;
    pv.dynamicProvisions = provisions;
    s.allBound = false;
    return null;
  }

  /** Unreserve (RevertAssumedPodVolumes). */
  unreserve(pod: Pod, nodeName: string): void {
    const pv = this.lastState.get(pod.metadata.uid)?.podVolumesByNode.get(nodeName);
    this.lastState.delete(pod.metadata.uid);
    if (!pv) return;
    for (const b of pv.staticBindings) this.cache.restorePV(b.pv.metadata.name);
    for (const c of pv.dynamicProvisions) this.cache.restorePVC(pvcKey(c));
  }

  /**
   * PreBind (BindPodVolumes): write the assumed bindings, then poll checkBindings until every claim is bound;
   * `done(null)` lets the scheduler bind the pod, `done(status)` sends it back to the queue (after Unreserve).
   * Returns a cancel function for the polling.
   */
  preBind(pod: Pod, nodeName: string, host: VolumeBindingHost, done: (s: Status | null) => void): () => void {
    const s = this.lastState.get(pod.metadata.uid);
    if (!s || s.allBound) {
      this.lastState.delete(pod.metadata.uid);
      done(null);
      return () => {};
    }
    const pv = s.podVolumesByNode.get(nodeName);
    const fail = (msg: string) => {
      this.unreserve(pod, nodeName);
      done(newStatus("Error", `running PreBind plugin "${VolumeBindingName}": ${msg}`));
    };
    if (!pv) {
      fail(`no pod volumes found for node "${nodeName}"`);
      return () => {};
    }
    // bindAPIUpdate: PVs first (pre-bind to the claim), then claims (selected node: provision here).
    try {
      pv.staticBindings = pv.staticBindings.map((b) => {
        const written = host.updatePV(b.pv);
        this.cache.writtenPV(written);
        return { pv: written, pvc: b.pvc };
      });
      pv.dynamicProvisions = pv.dynamicProvisions.map((c) => {
        const written = host.updatePVC(c);
        this.cache.writtenPVC(pvcKey(written), written);
        return written;
      });
    } catch (e) {
      fail((e as Error).message);
      return () => {};
    }
    const deadline = host.now() + this.bindTimeoutMs;
    let cancel: () => void = () => {};
    const poll = () => {
      let ok: boolean;
      try {
        ok = checkBindings(pod, nodeName, pv, this.cache);
      } catch (e) {
        if (!(e instanceof BinderError)) throw e;
        fail(`binding volumes: ${e.message}`);
        return;
      }
      if (ok) {
        this.lastState.delete(pod.metadata.uid);
        done(null);
      } else if (host.now() + BindPollIntervalMs > deadline) {
        fail("binding volumes: context deadline exceeded");
      } else {
        cancel = host.after(BindPollIntervalMs, poll);
      }
    };
    // wait.PollUntilContextTimeout(..., immediate=false): the first check comes after one interval.
    cancel = host.after(BindPollIntervalMs, poll);
    return () => cancel();
  }
}

// The scheduler cache: every node with the pods bound (or assumed) to it, updated incrementally from
// informer events, and readable as the scheduling Snapshot without copying.
// Mirrors cacheImpl (pkg/scheduler/backend/cache/cache.go): AssumePod / FinishBinding / ForgetPod /
// AddPod / UpdatePod / RemovePod / AddNode / UpdateNode / RemoveNode and the image-state bookkeeping.
//
// Why no copy-on-snapshot: upstream copies changed NodeInfos into a Snapshot because binding runs on
// other goroutines. Kubelab runs a scheduling cycle synchronously, so the cache itself is the snapshot;
// only the ordered node list is rebuilt, and only after nodes were added or removed.
// assumed pods never expire: kube-scheduler runs with durationToExpireAssumedPod = 0.

import type { Node, Pod } from "../api/types";
import { NodeColumns } from "./framework/nodeColumns";
import { type ImageState, NodeInfo } from "./framework/nodeInfo";
import { PodInfo } from "./framework/podInfo";
import { NodeTree } from "./nodeTree";

/** What the plugins and schedulePod read (upstream framework.SharedLister / NodeInfoLister). */
export interface Snapshot {
  /** Nodes in nodeTree order (zones interleaved). Only NodeInfos that have a Node. */
  list(): readonly NodeInfo[];
  get(nodeName: string): NodeInfo | undefined;
  numNodes(): number;
  /** Nodes hosting at least one pod with pod (anti-)affinity (HavePodsWithAffinityList). */
  havePodsWithAffinityList(): readonly NodeInfo[];
  /** Nodes hosting at least one pod with required anti-affinity (HavePodsWithRequiredAntiAffinityList). */
  havePodsWithRequiredAntiAffinityList(): readonly NodeInfo[];
  /** The cluster-wide state of an image (the object every NodeInfo holding it shares), if any node has it. */
  imageState?(name: string): ImageState | undefined;
  /** A counter bumped by every change to any NodeInfo (pods, node object, node added or removed). */
  version(): number;
  /**
   * The NodeInfos changed after `version` (with repeats), or undefined when that is too far back.
   * Lets plugins keep cluster-wide aggregates current in O(changes) instead of O(nodes) per pod.
   */
  changedSince(version: number): readonly NodeInfo[] | undefined;
}

/** How many changes changedSince can replay; older memos recompute from scratch. */
const CHANGE_LOG_LIMIT = 65_536;

interface PodState {
  info: PodInfo;
  readonly nodeName: string;
  assumed: boolean;
}

function podNodeName(pod: Pod): string {
  return pod.spec.nodeName ?? "";
}

function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
}

/** True when both nodes report the same images (names and sizes) in the same order. */
function sameImageList(a: Node, b: Node): boolean {
  const x = a.status?.images ?? [];
  const y = b.status?.images ?? [];
  if (x === y) return true;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    const u = x[i]!;
    const v = y[i]!;
    if (u === v) continue;
    if ((u.sizeBytes ?? 0) !== (v.sizeBytes ?? 0)) return false;
    const nu = u.names ?? [];
    const nv = v.names ?? [];
    if (nu.length !== nv.length) return false;
    for (let j = 0; j < nu.length; j++) if (nu[j] !== nv[j]) return false;
  }
  return true;
}

function fmtPod(pod: Pod): string {
  return `${pod.metadata.uid}(${pod.metadata.namespace ?? "default"}/${pod.metadata.name})`;
}

export class SchedulerCache implements Snapshot {
  private readonly nodes = new Map<string, NodeInfo>();
  private readonly podStates = new Map<string, PodState>();
  private readonly tree = new NodeTree();
  private readonly imageStates = new Map<string, ImageState>();
  /** The NodeInfos' rows of byte quantities (see NodeColumns). */
  private readonly columns = new NodeColumns();
  private nodeList: NodeInfo[] | null = null;
  private readonly withAffinity = new Set<NodeInfo>();
  private readonly withRequiredAnti = new Set<NodeInfo>();
  private affinityList: NodeInfo[] | null = null;
  private requiredAntiList: NodeInfo[] | null = null;
  private ver = 0;
  /** log[i] changed at version logStart + i + 1. */
  private log: NodeInfo[] = [];
  private logStart = 0;

  version(): number {
    return this.ver;
  }

  changedSince(version: number): readonly NodeInfo[] | undefined {
    if (version < this.logStart || version > this.ver) return undefined;
    return this.log.slice(version - this.logStart);
  }

  private touch(ni: NodeInfo): void {
    this.ver++;
    this.log.push(ni);
    if (this.log.length > CHANGE_LOG_LIMIT) {
      const drop = CHANGE_LOG_LIMIT / 2;
      this.log = this.log.slice(drop);
      this.logStart += drop;
    }
  }

  // ---- Snapshot ----

  list(): readonly NodeInfo[] {
    if (this.nodeList === null) {
      const out: NodeInfo[] = [];
      for (const name of this.tree.list()) {
        const ni = this.nodes.get(name);
        if (ni?.node) out.push(ni);
      }
      this.nodeList = out;
    }
    return this.nodeList;
  }

  get(nodeName: string): NodeInfo | undefined {
    const ni = this.nodes.get(nodeName);
    return ni?.node ? ni : undefined;
  }

  numNodes(): number {
    return this.list().length;
  }

  imageState(name: string): ImageState | undefined {
    return this.imageStates.get(name);
  }

  havePodsWithAffinityList(): readonly NodeInfo[] {
    return (this.affinityList ??= [...this.withAffinity].filter((n) => n.node !== undefined));
  }

  havePodsWithRequiredAntiAffinityList(): readonly NodeInfo[] {
    return (this.requiredAntiList ??= [...this.withRequiredAnti].filter((n) => n.node !== undefined));
  }

  // ---- nodes ----

  addNode(node: Node): NodeInfo {
    const name = node.metadata.name;
    let ni = this.nodes.get(name);
    if (ni) {
      if (ni.node) this.removeNodeImageStates(ni.node, ni);
    } else {
      ni = new NodeInfo(name, this.columns);
      this.nodes.set(name, ni);
    }
    if (!ni.node) this.tree.addNode(node);
    else this.tree.updateNode(ni.node, node);
    ni.setNode(node);
    this.addNodeImageStates(node, ni);
    this.invalidateLists();
    this.touch(ni);
    return ni;
  }

  updateNode(oldNode: Node | undefined, newNode: Node): NodeInfo {
    const ni = this.nodes.get(newNode.metadata.name);
    if (!ni || !ni.node) return this.addNode(newNode);
    // The ordered list changes only when the node moved to another zone (kubelet heartbeats do not).
    if (this.tree.updateNode(oldNode ?? ni.node, newNode)) this.nodeList = null;
    const sameImages = sameImageList(ni.node, newNode);
    if (!sameImages) this.removeNodeImageStates(ni.node, ni);
    ni.setNode(newNode);
    if (!sameImages) this.addNodeImageStates(newNode, ni);
    this.touch(ni);
    return ni;
  }

  /** Returns an error message when the node is unknown. A NodeInfo with pods outlives its Node. */
  removeNode(node: Node): string | null {
    const name = node.metadata.name;
    const ni = this.nodes.get(name);
    if (!ni || !ni.node) return `node ${name} is not found`;
    this.tree.removeNode(ni.node);
    this.removeNodeImageStates(ni.node, ni);
    ni.clearNode();
    if (ni.pods.length === 0) this.deleteNodeInfo(ni);
    this.invalidateLists();
    this.touch(ni);
    return null;
  }

  private deleteNodeInfo(ni: NodeInfo): void {
    this.nodes.delete(ni.name);
    this.columns.release(ni.index);
    this.withAffinity.delete(ni);
    this.withRequiredAnti.delete(ni);
  }

  private invalidateLists(): void {
    this.nodeList = null;
    this.affinityList = null;
    this.requiredAntiList = null;
  }

  private addNodeImageStates(node: Node, ni: NodeInfo): void {
    const states = new Map<string, ImageState>();
    for (const image of node.status?.images ?? []) {
      for (const name of image.names ?? []) {
        let st = this.imageStates.get(name);
        if (!st) this.imageStates.set(name, (st = { size: image.sizeBytes ?? 0, nodes: new Set(), present: new Uint8Array(0), columns: this.columns }));
        st.nodes.add(node.metadata.name);
        if (st.present.length <= ni.index) {
          const bigger = new Uint8Array(Math.max(ni.index + 1, 2 * st.present.length, 64));
          bigger.set(st.present);
          st.present = bigger;
        }
        st.present[ni.index] = 1;
        states.set(name, st);
      }
    }
    ni.imageStates = states;
  }

  private removeNodeImageStates(node: Node, ni: NodeInfo): void {
    for (const image of node.status?.images ?? []) {
      for (const name of image.names ?? []) {
        const st = this.imageStates.get(name);
        if (!st) continue;
        st.nodes.delete(node.metadata.name);
        if (ni.index < st.present.length) st.present[ni.index] = 0;
        if (st.nodes.size === 0) this.imageStates.delete(name);
      }
    }
  }

  // ---- pods ----

  private addPodInternal(info: PodInfo, nodeName: string, assumed: boolean): void {
    let ni = this.nodes.get(nodeName);
    if (!ni) {
      // A pod can arrive before its node (separate watches): keep it on a NodeInfo without a Node.
      ni = new NodeInfo(nodeName, this.columns);
      this.nodes.set(nodeName, ni);
    }
    ni.addPod(info);
    this.trackAffinity(ni);
    this.podStates.set(info.uid, { info, nodeName, assumed });
    this.touch(ni);
  }

  /**
   * The pod's PodInfo changes on the same node (confirmed binding, status update): the same as
   * removePodInternal + addPodInternal (the NodeInfo sees removePod then addPod, so its pod order is the
   * same), with one PodState and one change-log entry.
   */
  private replacePodInternal(state: PodState, info: PodInfo, assumed: boolean): void {
    const ni = this.nodes.get(state.nodeName);
    if (!ni || (!ni.node && ni.pods.length === 1)) {
      this.removePodInternal(state);
      this.addPodInternal(info, state.nodeName, assumed);
      return;
    }
    ni.removePod(state.info.uid);
    ni.addPod(info);
    this.trackAffinity(ni);
    state.info = info;
    state.assumed = assumed;
    this.touch(ni);
  }

  private removePodInternal(state: PodState): void {
    const ni = this.nodes.get(state.nodeName);
    if (ni) {
      ni.removePod(state.info.uid);
      this.trackAffinity(ni);
      if (ni.pods.length === 0 && !ni.node) this.deleteNodeInfo(ni);
      this.touch(ni);
    }
    this.podStates.delete(state.info.uid);
  }

  private trackAffinity(ni: NodeInfo): void {
    const hadA = this.withAffinity.has(ni);
    if (ni.podsWithAffinity > 0 !== hadA) {
      if (hadA) this.withAffinity.delete(ni);
      else this.withAffinity.add(ni);
      this.affinityList = null;
    }
    const hadR = this.withRequiredAnti.has(ni);
    if (ni.podsWithRequiredAntiAffinity > 0 !== hadR) {
      if (hadR) this.withRequiredAnti.delete(ni);
      else this.withRequiredAnti.add(ni);
      this.requiredAntiList = null;
    }
  }

  /**
   * assumePod puts the pod on nodeName before the binding is confirmed, so the next cycles see its
   * resources (scheduler.assume + cache.AssumePod). Returns the upstream error text on failure.
   * `parsed`: the pod's PodInfo from the queue, whose parsed requests are reused when still current.
   */
  assumePod(pod: Pod, nodeName: string, parsed?: PodInfo): string | null {
    if (this.podStates.has(pod.metadata.uid)) return `pod ${fmtPod(pod)} is in the cache, so can't be assumed`;
    const assumed: Pod = { ...pod, spec: { ...pod.spec, nodeName } };
    this.addPodInternal(new PodInfo(assumed, parsed), nodeName, true);
    return null;
  }

  /** FinishBinding: assumed pods never expire in kube-scheduler (TTL 0), so this only validates. */
  finishBinding(pod: Pod): string | null {
    return this.podStates.has(pod.metadata.uid) ? null : `pod ${fmtPod(pod)} is not found in scheduler cache`;
  }

  /** ForgetPod: undo assumePod after a failed binding. */
  forgetPod(pod: Pod): string | null {
    const st = this.podStates.get(pod.metadata.uid);
    if (st && pod.spec.nodeName && st.nodeName !== pod.spec.nodeName) {
      return `pod ${fmtPod(pod)} was assumed on ${pod.spec.nodeName} but assigned to ${st.nodeName}`;
    }
    if (st && st.assumed) {
      this.removePodInternal(st);
      return null;
    }
    return `pod ${fmtPod(pod)} wasn't assumed so cannot be forgotten`;
  }

  isAssumedPod(uid: string): boolean {
    return this.podStates.get(uid)?.assumed ?? false;
  }

  /** The cached PodInfo of an assumed or bound pod. */
  getPodInfo(uid: string): PodInfo | undefined {
    return this.podStates.get(uid)?.info;
  }

  /**
   * addPod: an assigned pod was observed (informer add). Confirms an assumed pod (moving it if it was
   * bound elsewhere) or adds a pod bound by someone else. Terminal pods are ignored: the scheduler's pod
   * informer watches `status.phase!=Succeeded,status.phase!=Failed`.
   */
  addPod(pod: Pod): string | null {
    const nodeName = podNodeName(pod);
    if (nodeName === "" || isTerminal(pod)) return null;
    const st = this.podStates.get(pod.metadata.uid);
    if (st && st.assumed) {
      if (st.nodeName === nodeName) this.replacePodInternal(st, new PodInfo(pod, st.info), false);
      else {
        this.removePodInternal(st);
        this.addPodInternal(new PodInfo(pod, st.info), nodeName, false);
      }
      return null;
    }
    if (st) return `pod ${fmtPod(pod)} was already in added state`;
    this.addPodInternal(new PodInfo(pod), nodeName, false);
    return null;
  }

  /** updatePod: an assigned pod changed. A pod turning Succeeded/Failed leaves the cache. */
  updatePod(oldPod: Pod | undefined, newPod: Pod): string | null {
    const st = this.podStates.get(newPod.metadata.uid);
    if (!st) {
      // The pod just got bound (or was filtered out before): treat as add.
      return this.addPod(newPod);
    }
    if (st.assumed) return `assumed pod ${fmtPod(oldPod ?? newPod)} should not be updated`;
    if (isTerminal(newPod)) {
      this.removePodInternal(st);
      return null;
    }
    if (st.nodeName !== podNodeName(newPod)) return `pod ${fmtPod(newPod)} updated on a different node than previously added to`;
    this.replacePodInternal(st, new PodInfo(newPod, st.info), false);
    return null;
  }

  removePod(pod: Pod): string | null {
    const st = this.podStates.get(pod.metadata.uid);
    if (!st) return `pod ${fmtPod(pod)} is not found in scheduler cache, so cannot be removed from it`;
    this.removePodInternal(st);
    return null;
  }

  podCount(): number {
    return this.podStates.size;
  }
}

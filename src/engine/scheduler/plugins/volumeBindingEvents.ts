// VolumeBinding inside the kube-scheduler process: the lookups it reads (the scheduler's informers for PVCs,
// PVs, StorageClasses, nodes and pods), the cluster events that retry pods it rejected (a claim created or
// bound, a volume or class added), and the binding cycle around Reserve and PreBind that runs before the pod
// is bound — asynchronously, as upstream's binding goroutine, so the scheduler goes on with other pods.
// mirrors EventsToRegister's PersistentVolumeClaim/PersistentVolume/StorageClass registrations with
// isSchedulableAfterPersistentVolumeClaimChange (volume_binding.go) and the Reserve → PreBind → bind order of
// schedulingCycle/bindingCycle (pkg/scheduler/schedule_one.go).
import type { KubeObject, Pod } from "../../api/types";
import { getDefaultClass } from "../../controllers/volume/pvHelpers";
import { podClaimNames, podHasClaims } from "../../controllers/volume/podPVCIndex";
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from "../../controllers/volume/types";
import type { ApiClient } from "../../client/apiClient";
import type { SharedInformers } from "../../client/sharedInformers";
import type { EventQueue } from "../../sim/eventQueue";
import type { PodInfo } from "../framework/podInfo";
import { ActionType, statusMessage, type ClusterEvent } from "../framework/types";
import type { SchedulingQueue } from "../schedulingQueue";
import { VolumeBindingName, type VolumeBinding, type VolumeBindingHost, type VolumeLookups } from "./volumeBinding";

/** The lookups VolumeBinding reads, from the scheduler's own informers. */
export function volumeLookups(informers: SharedInformers): VolumeLookups {
  const pvcs = informers.for("persistentvolumeclaims");
  const pvs = informers.for("persistentvolumes");
  const classes = informers.for("storageclasses");
  const nodes = informers.for("nodes");
  const pods = informers.for("pods");
  return {
    pvc: (ns, name) => pvcs.get(`${ns}/${name}`),
    storageClass: (name) => classes.get(name),
    defaultStorageClass: () => getDefaultClass(classes.list() as StorageClass[]),
    pv: (name) => pvs.get(name),
    pvs: () => pvs.list(),
    node: (name) => nodes.get(name),
    pod: (ns, name) => pods.get(`${ns}/${name}`),
  };
}

/** Storage events as the queue sees them: wildcards, narrowed to the pods they may help by a pre-check. */
const event = (label: string): ClusterEvent => ({ resource: "WildCard", actionType: ActionType.All, label });
const PVCAddOrUpdate = event("PersistentVolumeClaimAddOrUpdate");
const PVAddOrUpdate = event("PersistentVolumeAddOrUpdate");
const StorageClassAddOrUpdate = event("StorageClassAddOrUpdate");

const hasClaims = (pi: PodInfo): boolean => podHasClaims(pi.pod);

export interface BindingCycleDeps {
  client: ApiClient;
  events: EventQueue;
  /** False once the scheduler process stopped: an unfinished binding cycle dies with it. */
  running(): boolean;
}

/** The scheduler's storage wiring (one per kube-scheduler process). */
export class VolumeBindingWiring {
  private readonly host: VolumeBindingHost;

  constructor(
    readonly plugin: VolumeBinding,
    private readonly queue: SchedulingQueue,
    private readonly deps: BindingCycleDeps,
    private readonly kick: () => void,
  ) {
    const events = deps.events;
    this.host = {
      updatePV: (pv) => deps.client.update(pv),
      updatePVC: (pvc) => deps.client.update(pvc),
      after: (ms, fn) => {
        const task = events.after(ms, "kube-scheduler:volume-binding", fn);
        return () => {
          task.cancelled = true;
        };
      },
      now: () => events.now(),
    };
  }

  /** Handlers on the scheduler's informers (registered before they start). */
  start(informers: SharedInformers): void {
    const now = () => this.deps.events.now();
    const move = (e: ClusterEvent, check: (pi: PodInfo) => boolean) => {
      this.queue.moveAllToActiveOrBackoffQueue(e, undefined, undefined, now(), check);
      this.kick();
    };
    // isSchedulableAfterPersistentVolumeClaimChange: only pods in the claim's namespace that use it.
    const pvcChanged = (c: KubeObject) => {
      const ns = c.metadata.namespace;
      move(PVCAddOrUpdate, (pi) => pi.namespace === ns && podClaimNames(pi.pod).includes(c.metadata.name));
    };
    informers.for<PersistentVolumeClaim>("persistentvolumeclaims").addEventHandler({ add: pvcChanged, update: (_o, c) => pvcChanged(c) });
    const pvChanged = () => move(PVAddOrUpdate, hasClaims);
    informers.for<PersistentVolume>("persistentvolumes").addEventHandler({ add: pvChanged, update: pvChanged });
    const scChanged = () => move(StorageClassAddOrUpdate, hasClaims);
    informers.for<StorageClass>("storageclasses").addEventHandler({ add: scChanged, update: scChanged });
  }

  /**
   * The binding cycle's volume part: Reserve, then PreBind (which may wait for the PV controller and a
   * provisioner). `bind` runs once the pod's claims are bound; `failed` gets the FailedScheduling message.
   */
  bindingCycle(pod: Pod, nodeName: string, bind: () => void, failed: (message: string) => void): void {
    if (!this.plugin.hasClaims(pod)) {
      bind();
      return;
    }
    const reserved = this.plugin.reserve(pod, nodeName);
    if (reserved !== null) {
      this.plugin.unreserve(pod, nodeName);
      failed(`running Reserve plugin "${VolumeBindingName}": ${statusMessage(reserved)}`);
      return;
    }
    this.plugin.preBind(pod, nodeName, this.host, (status) => {
      if (!this.deps.running()) {
        this.plugin.unreserve(pod, nodeName);
        return;
      }
      if (status === null) bind();
      else failed(statusMessage(status));
    });
  }
}

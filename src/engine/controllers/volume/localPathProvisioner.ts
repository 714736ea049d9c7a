// LocalPathProvisioner is kind's default dynamic provisioner, rancher.io/local-path, behind the
// "standard" StorageClass: for a claim the PV controller annotated for it (and, with WaitForFirstConsumer,
// that the scheduler gave a selected node), a helper pod creates /var/local-path-provisioner/<pv>_<ns>_<pvc>
// on that node and the provisioner creates a hostPath PV pinned to the node. A Released PV with reclaim
// policy Delete has its directory removed (a helper pod again) and the PV object deleted.
// mirrors the claim/volume loops of sig-storage-lib-external-provisioner controller/controller.go
// (shouldProvision, provisionClaimOperation, shouldDelete, deleteVolumeOperation, rescheduleProvisioning)
// and Provision/Delete of rancher/local-path-provisioner provisioner.go. kind runs it as a Deployment in
// local-path-storage; here it is a control loop beside the controller manager, with the Deployment's
// leader identity as its event source.
import type { Node } from "../../api/types";
import { ApiError } from "../../apiserver/errors";
import { generateName, randString } from "../../apimachinery/names";
import type { ApiClient } from "../../client/apiClient";
import type { EventRecorder } from "../../client/eventRecorder";
import { keyOf, type Informer } from "../../client/informer";
import type { WorkQueue } from "../../client/workqueue";
import { uuid4 } from "../../apiserver/ids";
import type { Controller, ControllerContext } from "../context";
import { claimReference, getPersistentVolumeClaimClass } from "./pvHelpers";
import { Ann, LocalPathProvisionerName, type PersistentVolume, type PersistentVolumeClaim, type StorageClass } from "./types";

/** config.json's DEFAULT_PATH_FOR_NON_LISTED_NODES in kind's local-path-storage manifest. */
export const LOCAL_PATH_BASE = "/var/local-path-provisioner";
/** The annotation local-path puts on its PVs: the node the directory lives on. */
export const AnnLocalPathSelectedNode = "local.path.provisioner/selected-node";
/**
 * How long the helper pod takes to create or remove the directory (schedule, start busybox, mkdir/rm): a
 * few seconds on kind. An estimate, not an upstream constant.
 */
export const HELPER_POD_MS = 2_000;
/** Retry backoff after a failed provisioning: the claim queue's exponential rate limiter, 1s doubling to 5m. */
const RETRY_BASE_MS = 1_000;
const RETRY_MAX_MS = 300_000;

/** The path of a claim's directory on its node (provisioner.go Provision: name_namespace_claim). */
export function localPathFor(pvName: string, claim: PersistentVolumeClaim): string {
  return `${LOCAL_PATH_BASE}/${[pvName, claim.metadata.namespace ?? "", claim.metadata.name].join("_")}`;
}

export class LocalPathProvisioner implements Controller {
  readonly name = "local-path-provisioner";
  readonly client: ApiClient;
  private recorder: EventRecorder | undefined;
  private readonly claims: Informer<PersistentVolumeClaim>;
  private readonly volumes: Informer<PersistentVolume>;
  private readonly classes: Informer<StorageClass>;
  private readonly nodes: Informer<Node>;
  private readonly claimQueue: WorkQueue;
  private readonly volumeQueue: WorkQueue;
  /** Operations in flight (the helper pod is running), by claim uid or PV name: one at a time each. */
  private readonly running = new Set<string>();
  private readonly failures = new Map<string, number>();
  /** Stopped with the process around it: a helper pod that finishes later changes nothing. */
  private stopped = false;

  constructor(private readonly ctx: ControllerContext) {
    this.client = ctx.client("system:serviceaccount:local-path-storage:local-path-provisioner-service-account");
    this.claims = ctx.informers.for<PersistentVolumeClaim>("persistentvolumeclaims");
    this.volumes = ctx.informers.for<PersistentVolume>("persistentvolumes");
    this.classes = ctx.informers.for<StorageClass>("storageclasses");
    this.nodes = ctx.informers.for<Node>("nodes");
    this.claimQueue = ctx.workqueue("local-path-claims", (key) => this.syncClaim(key));
    this.volumeQueue = ctx.workqueue("local-path-volumes", (key) => this.syncVolume(key));
  }

  start(): void {
    this.claims.addEventHandler({ add: (c) => this.claimQueue.add(keyOf(c)), update: (_o, c) => this.claimQueue.add(keyOf(c)) });
    this.volumes.addEventHandler({ add: (v) => this.volumeQueue.add(keyOf(v)), update: (_o, v) => this.volumeQueue.add(keyOf(v)) });
  }

  stop(): void {
    this.stopped = true;
    this.claimQueue.paused = true;
    this.volumeQueue.paused = true;
  }

  /** Back up: look at everything again, as a restarted process relisting would. */
  resume(): void {
    this.stopped = false;
    for (const c of this.claims.list()) this.claimQueue.add(keyOf(c));
    for (const v of this.volumes.list()) this.volumeQueue.add(keyOf(v));
    this.claimQueue.resume();
    this.volumeQueue.resume();
  }

  /**
   * The event source: the provisioner's leader identity "<provisioner>_<pod>_<uuid>". Drawn from the seeded
   * random source on first use, so clusters that never provision keep their random sequence.
   */
  private events(): EventRecorder {
    if (!this.recorder) {
      // A Deployment pod: "<deployment>-<pod-template-hash>-<5 chars>".
      const pod = generateName(`local-path-provisioner-${randString(10, this.ctx.random.fn)}-`, this.ctx.random.fn);
      this.recorder = this.ctx.recorder(`${LocalPathProvisionerName}_${pod}_${uuid4(this.ctx.random)}`);
    }
    return this.recorder;
  }

  // ---- provisioning ----

  /** shouldProvision: unbound, meant for us, and (WaitForFirstConsumer) placed on a node by the scheduler. */
  private shouldProvision(claim: PersistentVolumeClaim): StorageClass | undefined {
    if (claim.spec?.volumeName || claim.metadata.deletionTimestamp) return undefined;
    const ann = claim.metadata.annotations ?? {};
    if ((ann[Ann.storageProvisioner] ?? ann[Ann.betaStorageProvisioner]) !== LocalPathProvisionerName) return undefined;
    const sc = this.classes.get(getPersistentVolumeClaimClass(claim));
    if (!sc || sc.provisioner !== LocalPathProvisionerName) return undefined;
    if (sc.volumeBindingMode === "WaitForFirstConsumer" && ann[Ann.selectedNode] === undefined) return undefined;
    return sc;
  }

  private syncClaim(key: string): void {
    const claim = this.claims.get(key);
    if (!claim) return;
    const sc = this.shouldProvision(claim);
    if (!sc || this.running.has(claim.metadata.uid)) return;
    if (this.volumes.get(`pvc-${claim.metadata.uid}`)) return; // already provisioned, the PV controller binds it
    this.running.add(claim.metadata.uid);
    const rec = this.events();
    rec.event(claim, "Normal", "Provisioning", `External provisioner is provisioning volume for claim "${key}"`);
    const failure = this.provisionError(claim, sc);
    if (failure) {
      this.running.delete(claim.metadata.uid);
      rec.event(claim, "Warning", "ProvisioningFailed", failure);
      this.retryLater(key);
      return;
    }
    // The helper pod creates the directory; then the PV is saved.
    this.ctx.events.after(HELPER_POD_MS, "local-path-provisioner:helper-create", () => {
      this.running.delete(claim.metadata.uid);
      if (this.stopped) return;
      const current = this.claims.get(key);
      if (!current || current.metadata.uid !== claim.metadata.uid || !this.shouldProvision(current)) return;
      this.createVolume(current, sc);
    });
  }

  /** Provision's refusals, worded as the events show them (the lib prefixes the class for Provision errors). */
  private provisionError(claim: PersistentVolumeClaim, sc: StorageClass): string | undefined {
    if (claim.spec?.volumeMode === "Block") return `${LocalPathProvisionerName} does not support block volume provisioning`;
    const prefix = `failed to provision volume with StorageClass "${sc.metadata.name}": `;
    if (claim.spec?.selector) return `${prefix}claim.Spec.Selector is not supported`;
    for (const mode of claim.spec?.accessModes ?? []) {
      if (mode !== "ReadWriteOnce" && mode !== "ReadWriteOncePod") return `${prefix}NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes`;
    }
    const node = claim.metadata.annotations?.[Ann.selectedNode];
    if (node === undefined) return `${prefix}configuration error, no node was specified`;
    if (!this.nodes.get(node)) return `failed to get target node: node "${node}" not found`;
    return undefined;
  }

  private retryLater(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.claimQueue.addAfter(key, Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** n));
  }

  private createVolume(claim: PersistentVolumeClaim, sc: StorageClass): void {
    const key = keyOf(claim);
    const name = `pvc-${claim.metadata.uid}`;
    const nodeName = claim.metadata.annotations![Ann.selectedNode]!;
    const hostname = this.nodes.get(nodeName)?.metadata.labels?.["kubernetes.io/hostname"] ?? nodeName;
    const pv = {
      apiVersion: "v1",
      kind: "PersistentVolume",
      metadata: { name, annotations: { [AnnLocalPathSelectedNode]: nodeName, [Ann.dynamicallyProvisioned]: LocalPathProvisionerName } },
      spec: {
        accessModes: [...(claim.spec.accessModes ?? [])],
        capacity: { storage: claim.spec.resources?.requests?.storage ?? "0" },
        claimRef: claimReference(claim),
        hostPath: { path: localPathFor(name, claim), type: "DirectoryOrCreate" },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: [hostname] }] }] } },
        persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? "Delete",
        storageClassName: sc.metadata.name,
        volumeMode: "Filesystem",
      },
    } as unknown as PersistentVolume;
    try {
      this.client.create(pv);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.reason !== "AlreadyExists") {
        this.events().event(claim, "Warning", "ProvisioningFailed", `failed to provision volume with StorageClass "${sc.metadata.name}": ${e.message}`);
        this.retryLater(key);
        return;
      }
    }
    this.failures.delete(key);
    this.events().event(claim, "Normal", "ProvisioningSucceeded", `Successfully provisioned volume ${name}`);
  }

  // ---- deletion ----

  /** shouldDelete: a Released volume of ours whose policy is Delete. */
  private shouldDelete(pv: PersistentVolume): boolean {
    return (
      pv.status?.phase === "Released" &&
      pv.spec?.persistentVolumeReclaimPolicy === "Delete" &&
      pv.metadata.annotations?.[Ann.dynamicallyProvisioned] === LocalPathProvisionerName
    );
  }

  private syncVolume(key: string): void {
    const pv = this.volumes.get(key);
    if (!pv || !this.shouldDelete(pv) || this.running.has(key)) return;
    this.running.add(key);
    // The teardown helper pod removes the directory (the kubelet's storage forgets it with the PV).
    this.ctx.events.after(HELPER_POD_MS, "local-path-provisioner:helper-delete", () => {
      this.running.delete(key);
      if (this.stopped) return;
      const current = this.volumes.get(key);
      if (!current || current.metadata.uid !== pv.metadata.uid || !this.shouldDelete(current)) return;
      try {
        this.client.delete("PersistentVolume", undefined, key);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
      }
    });
  }
}

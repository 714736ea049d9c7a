// ConfigVolumes mounts a pod's configMap, secret and projected volumes before its sandbox starts: each
// volume's SetUp writes the keys as files (read-only in the container). A volume whose ConfigMap, Secret
// or key is missing fails with a FailedMount event and is retried with the operation executor's
// exponential backoff (500 ms doubling to 2m2s), so the pod starts soon after the object appears.
// Once mounted, the kubelet's periodic sync (1 min) refreshes the files from the current object.
// mirrors configMapVolumeMounter.SetUpAt / secretVolumeMounter.SetUpAt / projectedVolumeMounter.SetUpAt,
// GenerateMountVolumeFunc's "MountVolume.SetUp failed for volume %q : %v" event
// (pkg/volume/util/operationexecutor/operation_generator.go) and exponentialbackoff
// (pkg/util/goroutinemap/exponentialbackoff: initialDurationBeforeRetry 500ms, maxDurationBeforeRetry 2m2s).
// A projected service-account token volume (kube-api-access-*) never blocks: its CA ConfigMap is
// published by a controller this simulation may not run.
import type { KubeObject, Pod, Volume } from "../../api/types";
import type { VolumeStore } from "../behaviour/containerFs";
import type { ConfigSource } from "./configSources";
import { isConfigVolume, isTokenVolume, projectVolume, type Projection } from "./volumeProjector";

export const INITIAL_DURATION_BEFORE_RETRY_MS = 500;
export const MAX_DURATION_BEFORE_RETRY_MS = 2 * 60_000 + 2_000;
/** kubelet syncFrequency: how often a running pod's configMap/secret volumes are refreshed. */
export const VOLUME_RESYNC_MS = 60_000;

export interface ConfigMountWaiter {
  readonly pod: Pod;
  readonly terminating: boolean;
  readonly volumes: VolumeStore;
}

export interface ConfigVolumeDeps {
  now(): number;
  event(pod: Pod, type: "Normal" | "Warning", reason: string, message: string): void;
  after(ms: number, label: string, fn: () => void): void;
}

/** One ConfigMap or Secret read while projecting a volume, and what the read returned. */
interface Lookup {
  readonly secret: boolean;
  readonly namespace: string;
  readonly name: string;
  readonly obj: KubeObject | undefined;
}

export class ConfigVolumes {
  /** Modes of the last projection per pod uid and volume (for inspection: `ls -l` is not modelled). */
  private readonly modes = new Map<string, Map<string, ReadonlyMap<string, number>>>();
  /**
   * The objects each volume's last projection read, per pod uid and volume. A projection depends only on
   * them and on the pod's immutable fields, and stored objects are replaced, never mutated: when every
   * read returns the same object again, the periodic resync would produce what it produced last time.
   */
  private readonly reads = new Map<string, Map<string, readonly Lookup[]>>();

  constructor(
    private readonly sources: ConfigSource,
    private readonly deps: ConfigVolumeDeps,
  ) {}

  modesOf(podUid: string, volumeName: string): ReadonlyMap<string, number> | undefined {
    return this.modes.get(podUid)?.get(volumeName);
  }

  forget(podUid: string): void {
    this.modes.delete(podUid);
    this.reads.delete(podUid);
  }

  /** projectVolume, remembering what it read. */
  private project(w: ConfigMountWaiter, vol: Volume): Projection | { error: string } {
    const lookups: Lookup[] = [];
    const src = this.sources;
    const r = projectVolume(w.pod, vol, {
      configMap: (namespace, name) => {
        const obj = src.configMap(namespace, name);
        lookups.push({ secret: false, namespace, name, obj });
        return obj;
      },
      secret: (namespace, name) => {
        const obj = src.secret(namespace, name);
        lookups.push({ secret: true, namespace, name, obj });
        return obj;
      },
    });
    let m = this.reads.get(w.pod.metadata.uid);
    if (!m) this.reads.set(w.pod.metadata.uid, (m = new Map()));
    m.set(vol.name, lookups);
    return r;
  }

  /** Whether every object the volume's last projection read is still the same object. */
  private unchangedSinceLastProjection(w: ConfigMountWaiter, vol: Volume): boolean {
    const lookups = this.reads.get(w.pod.metadata.uid)?.get(vol.name);
    if (!lookups) return false;
    for (const l of lookups) {
      const now = l.secret ? this.sources.secret(l.namespace, l.name) : this.sources.configMap(l.namespace, l.name);
      if (now !== l.obj) return false;
    }
    return true;
  }

  private write(w: ConfigMountWaiter, vol: Volume, p: Projection): void {
    const handle = w.volumes.get(vol.name);
    if (handle) {
      handle.files.clear();
      for (const [path, content] of p.files) handle.files.set(path, content);
    }
    let m = this.modes.get(w.pod.metadata.uid);
    if (!m) this.modes.set(w.pod.metadata.uid, (m = new Map()));
    m.set(vol.name, p.modes);
  }

  /** Mounts the pod's config volumes, then calls `then`; retries each failing volume with backoff. */
  waitForConfigVolumes(w: ConfigMountWaiter, then: () => void): void {
    const pending = (w.pod.spec.volumes ?? []).filter(isConfigVolume);
    if (pending.length === 0) return then();
    // Per volume: the last backoff and when it may be tried again (each volume backs off on its own).
    const backoff = new Map<string, number>();
    const due = new Map<string, number>();
    const attempt = () => {
      if (w.terminating) return;
      const now = this.deps.now();
      for (const vol of [...pending]) {
        if ((due.get(vol.name) ?? 0) > now) continue;
        const r = this.project(w, vol);
        if ("error" in r) {
          if (isTokenVolume(vol)) {
            pending.splice(pending.indexOf(vol), 1);
            continue;
          }
          this.deps.event(w.pod, "Warning", "FailedMount", `MountVolume.SetUp failed for volume "${vol.name}" : ${r.error}`);
          const wait = backoff.has(vol.name) ? Math.min(MAX_DURATION_BEFORE_RETRY_MS, backoff.get(vol.name)! * 2) : INITIAL_DURATION_BEFORE_RETRY_MS;
          backoff.set(vol.name, wait);
          due.set(vol.name, now + wait);
          continue;
        }
        this.write(w, vol, r);
        pending.splice(pending.indexOf(vol), 1);
      }
      if (pending.length === 0) {
        this.scheduleRefresh(w);
        return then();
      }
      const next = Math.min(...pending.map((v) => due.get(v.name) ?? now));
      this.deps.after(Math.max(0, next - now), "kubelet:configvolume-retry", attempt);
    };
    attempt();
  }

  // The periodic pod sync re-runs SetUp: updated keys reach the files; errors keep the last content.
  private scheduleRefresh(w: ConfigMountWaiter): void {
    this.deps.after(VOLUME_RESYNC_MS, "kubelet:configvolume-resync", () => {
      if (w.terminating) {
        this.forget(w.pod.metadata.uid);
        return;
      }
      for (const vol of w.pod.spec.volumes ?? []) {
        // Same objects read, same outcome: the files already hold it (or, after an error, keep theirs).
        if (!isConfigVolume(vol) || this.unchangedSinceLastProjection(w, vol)) continue;
        const r = this.project(w, vol);
        if (!("error" in r)) this.write(w, vol, r);
      }
      this.scheduleRefresh(w);
    });
  }
}

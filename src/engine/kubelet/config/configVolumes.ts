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

/** What ConfigVolumes remembers about one volume of one pod (a list per pod: pods have few volumes). */
interface VolumeState {
  readonly name: string;
  /** The objects its last projection read (shared between pods that read the same objects). */
  lookups: readonly Lookup[] | undefined;
  /** Modes of its last projection written (shared between pods with the same files and modes). */
  modes: ReadonlyMap<string, number> | undefined;
  readonly next: VolumeState | undefined;
}

/** Bounds the interning tables (they only save memory: a miss makes a new, equal value). */
const MAX_INTERNED = 5000;

export class ConfigVolumes {
  /**
   * Per pod uid, its volumes' states: the modes of the last projection (for inspection: `ls -l` is not
   * modelled), and the objects the last projection read. A projection depends only on them and on the
   * pod's immutable fields, and stored objects are replaced, never mutated: when every read returns the
   * same object again, the periodic resync would produce what it produced last time.
   */
  private readonly pods = new Map<string, VolumeState>();
  /** Lookup lists by what they looked up: 30,000 pods reading kube-root-ca.crt share one list. */
  private readonly lookupLists = new Map<string, readonly Lookup[]>();
  private readonly modeMaps = new Map<string, ReadonlyMap<string, number>>();

  constructor(
    private readonly sources: ConfigSource,
    private readonly deps: ConfigVolumeDeps,
  ) {}

  modesOf(podUid: string, volumeName: string): ReadonlyMap<string, number> | undefined {
    return this.volumeState(podUid, volumeName, false)?.modes;
  }

  forget(podUid: string): void {
    this.pods.delete(podUid);
  }

  private volumeState(podUid: string, volumeName: string, create: true): VolumeState;
  private volumeState(podUid: string, volumeName: string, create: false): VolumeState | undefined;
  private volumeState(podUid: string, volumeName: string, create: boolean): VolumeState | undefined {
    const first = this.pods.get(podUid);
    for (let v = first; v !== undefined; v = v.next) if (v.name === volumeName) return v;
    if (!create) return undefined;
    const v: VolumeState = { name: volumeName, lookups: undefined, modes: undefined, next: first };
    this.pods.set(podUid, v);
    return v;
  }

  /** The interned list equal to `lookups` (same reads, same objects). */
  private internLookups(lookups: Lookup[]): readonly Lookup[] {
    let key = "";
    for (const l of lookups) key += `${l.secret ? "s" : "c"}${l.namespace.length}:${l.namespace}${l.name.length}:${l.name};`;
    const known = this.lookupLists.get(key);
    if (known && known.every((l, i) => l.obj === lookups[i]!.obj)) return known;
    if (this.lookupLists.size >= MAX_INTERNED) this.lookupLists.clear();
    const frozen = Object.freeze(lookups.map((l) => Object.freeze(l)));
    this.lookupLists.set(key, frozen);
    return frozen;
  }

  /** The interned map equal to `modes` (same paths, same modes, same order). */
  private internModes(modes: ReadonlyMap<string, number>): ReadonlyMap<string, number> {
    let key = "";
    for (const [path, mode] of modes) key += `${path.length}:${path}=${mode};`;
    const known = this.modeMaps.get(key);
    if (known) return known;
    if (this.modeMaps.size >= MAX_INTERNED) this.modeMaps.clear();
    this.modeMaps.set(key, modes);
    return modes;
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
    this.volumeState(w.pod.metadata.uid, vol.name, true).lookups = this.internLookups(lookups);
    return r;
  }

  /** Whether every object the volume's last projection read is still the same object. */
  private unchangedSinceLastProjection(w: ConfigMountWaiter, vol: Volume): boolean {
    const lookups = this.volumeState(w.pod.metadata.uid, vol.name, false)?.lookups;
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
    this.volumeState(w.pod.metadata.uid, vol.name, true).modes = this.internModes(p.modes);
  }

  /** Mounts the pod's config volumes, then calls `then`; retries each failing volume with backoff. */
  waitForConfigVolumes(w: ConfigMountWaiter, then: () => void): void {
    const pending = (w.pod.spec.volumes ?? []).filter(isConfigVolume);
    if (pending.length === 0) return then();
    // Per volume: the last backoff and when it may be tried again (each volume backs off on its own).
    // Made at the first failure (most pods mount at the first attempt).
    let backoff: Map<string, number> | undefined;
    let due: Map<string, number> | undefined;
    const attempt = () => {
      if (w.terminating) return;
      const now = this.deps.now();
      for (const vol of [...pending]) {
        if ((due?.get(vol.name) ?? 0) > now) continue;
        const r = this.project(w, vol);
        if ("error" in r) {
          if (isTokenVolume(vol)) {
            pending.splice(pending.indexOf(vol), 1);
            continue;
          }
          this.deps.event(w.pod, "Warning", "FailedMount", `MountVolume.SetUp failed for volume "${vol.name}" : ${r.error}`);
          backoff ??= new Map();
          due ??= new Map();
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
      const next = Math.min(...pending.map((v) => due?.get(v.name) ?? now));
      this.deps.after(Math.max(0, next - now), "kubelet:configvolume-retry", attempt);
    };
    attempt();
  }

  // The periodic pod sync re-runs SetUp: updated keys reach the files; errors keep the last content.
  // One closure per pod, scheduled again at every sync.
  private scheduleRefresh(w: ConfigMountWaiter): void {
    const resync = (): void => {
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
      this.deps.after(VOLUME_RESYNC_MS, "kubelet:configvolume-resync", resync);
    };
    this.deps.after(VOLUME_RESYNC_MS, "kubelet:configvolume-resync", resync);
  }
}

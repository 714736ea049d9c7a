// EndpointSliceTracker remembers, per Service, the EndpointSlices this controller last wrote (and those it
// deleted), so that a sync running on an informer cache that has not caught up with its own writes
// stops instead of creating duplicates, and so that its own writes coming back through the watch do not
// trigger another sync.
// mirrors k8s.io/endpointslice/util/endpointslice_tracker.go. Upstream compares metadata.generation; this
// API server does not bump generation for EndpointSlices, so the (monotonic) resourceVersion stands in.
import { LABEL_SERVICE_NAME, type EndpointSlice, type Service } from "./types";

const DELETION_EXPECTED = -1;

const rv = (s: EndpointSlice): number => Number(s.metadata.resourceVersion) || 0;

function serviceKeyOf(slice: EndpointSlice): string {
  return `${slice.metadata.namespace}/${slice.metadata.labels?.[LABEL_SERVICE_NAME] ?? ""}`;
}

export class EndpointSliceTracker {
  /** service key → slice uid → resourceVersion written (or DELETION_EXPECTED). */
  private readonly byService = new Map<string, Map<string, number>>();

  has(slice: EndpointSlice): boolean {
    return this.byService.get(serviceKeyOf(slice))?.has(slice.metadata.uid) ?? false;
  }

  /** ShouldSync: true when the cached slice is not one this controller wrote (or is newer). */
  shouldSync(slice: EndpointSlice): boolean {
    const g = this.byService.get(serviceKeyOf(slice))?.get(slice.metadata.uid);
    return g === undefined || rv(slice) > g;
  }

  /**
   * StaleSlices: the cache lags behind our writes if a tracked slice is older than what we wrote, is
   * still there although we deleted it, or is missing although we created it.
   */
  staleSlices(svc: Service, slices: readonly EndpointSlice[]): boolean {
    const tracked = this.byService.get(`${svc.metadata.namespace}/${svc.metadata.name}`);
    if (!tracked) return false;
    const provided = new Set<string>();
    for (const s of slices) {
      provided.add(s.metadata.uid);
      const g = tracked.get(s.metadata.uid);
      if (g !== undefined && (g === DELETION_EXPECTED || g > rv(s))) return true;
    }
    for (const [uid, g] of tracked) if (g !== DELETION_EXPECTED && !provided.has(uid)) return true;
    return false;
  }

  /** Update: record a slice this controller just created or updated. */
  update(slice: EndpointSlice): void {
    const key = serviceKeyOf(slice);
    let m = this.byService.get(key);
    if (!m) this.byService.set(key, (m = new Map()));
    m.set(slice.metadata.uid, rv(slice));
  }

  expectDeletion(slice: EndpointSlice): void {
    const key = serviceKeyOf(slice);
    let m = this.byService.get(key);
    if (!m) this.byService.set(key, (m = new Map()));
    m.set(slice.metadata.uid, DELETION_EXPECTED);
  }

  /** HandleDeletion: forget the slice; true when this controller had deleted it itself. */
  handleDeletion(slice: EndpointSlice): boolean {
    const m = this.byService.get(serviceKeyOf(slice));
    const g = m?.get(slice.metadata.uid);
    if (!m || g === undefined) return true;
    m.delete(slice.metadata.uid);
    return g === DELETION_EXPECTED;
  }

  deleteService(namespace: string, name: string): void {
    this.byService.delete(`${namespace}/${name}`);
  }
}

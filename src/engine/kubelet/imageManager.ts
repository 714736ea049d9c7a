// ImageManager is one node's image store and puller. The kubelet pulls serially by default
// (serializeImagePulls: true), so a pull waits for the ones queued before it — which is why upstream's
// Pulled event says "in 3.7s (7.4s including waiting)". Pull time comes from the behaviour model (compressed
// size / bandwidth plus the registry round trip); re-pulling an image already present (policy Always) costs only that trip.
import type { ContainerModel, PullOutcome } from "./containerModel";

/** Re-pulling an image the node already has costs only the registry round trip (resolve the manifest). */
const REPULL_MS = 300;

export interface PullResult {
  outcome: PullOutcome;
  /** Time spent pulling, and time since the request (pull + waiting for earlier pulls). */
  pullMs: number;
  totalMs: number;
}

/** One entry of Node.status.images. */
export interface NodeImage {
  readonly names: string[];
  readonly sizeBytes: number;
}

export class ImageManager {
  /** image → size and the time it finished downloading (a pull in flight is not yet present). */
  private readonly present = new Map<string, { sizeBytes: number; at: number }>();
  private busyUntil = 0;
  /** list() as last built; dropped whenever `present` changes. */
  private listed: readonly NodeImage[] | undefined;

  constructor(
    private readonly model: ContainerModel,
  ) {}

  isPresent(image: string, now: number): boolean {
    const p = this.present.get(image);
    return p !== undefined && p.at <= now;
  }

  /**
   * Images on the node with sizes, for Node.status.images and ImageLocality scoring. The same array is
   * returned while the set of images is unchanged (the status loop compares it every 10s); it is posted
   * into the API, so nobody may mutate it.
   */
  list(): readonly NodeImage[] {
    this.listed ??= [...this.present].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, p]) => ({ names: [name], sizeBytes: p.sizeBytes }));
    return this.listed;
  }

  /** Marks an image as present without pulling (pre-loaded images of a kind node). */
  preload(image: string): void {
    const o = this.model.pullImage(image);
    if (!o.ok) return;
    this.present.set(image, { sizeBytes: o.sizeBytes, at: 0 });
    this.listed = undefined;
  }

  /**
   * Queues a pull at `now`; returns when it completes (absolute sim ms) and how it ends. The caller
   * schedules its continuation at `doneAt`.
   */
  pull(image: string, now: number): { doneAt: number; result: PullResult } {
    const outcome = this.model.pullImage(image);
    const start = Math.max(now, this.busyUntil);
    const have = this.present.get(image);
    const pullMs = outcome.ok && have && have.at <= start ? REPULL_MS : outcome.durationMs;
    const doneAt = start + pullMs;
    this.busyUntil = doneAt;
    if (outcome.ok && !(have && have.at <= doneAt)) {
      this.present.set(image, { sizeBytes: outcome.sizeBytes, at: doneAt });
      this.listed = undefined;
    }
    return { doneAt, result: { outcome, pullMs, totalMs: doneAt - now } };
  }
}

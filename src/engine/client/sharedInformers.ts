// SharedInformers mirrors client-go's SharedInformerFactory: one informer per resource, shared by every
// controller in a process, so that a cluster of 150,000 pods keeps one pod cache per component, not one
// per controller.
import type { KubeObject } from "../api/types";
import type { Store } from "../apiserver/store";
import type { WatchHub } from "../apiserver/watch";
import type { EventQueue } from "../sim/eventQueue";
import { Informer } from "./informer";

export class SharedInformers {
  private readonly informers = new Map<string, Informer>();

  constructor(
    private readonly store: Store,
    private readonly hub: WatchHub,
    private readonly events: EventQueue,
    private readonly latencyMs = 1,
  ) {}

  for<T extends KubeObject = KubeObject>(resource: string): Informer<T> {
    let inf = this.informers.get(resource);
    if (!inf) {
      inf = new Informer(resource, this.store, this.hub, this.events, { latencyMs: this.latencyMs });
      this.informers.set(resource, inf);
    }
    return inf as unknown as Informer<T>;
  }

  startAll(): void {
    for (const inf of this.informers.values()) inf.start();
  }

  stopAll(): void {
    for (const inf of this.informers.values()) inf.stop();
  }
}

// ControllerManager is kube-controller-manager: one process, one set of shared informers, many control
// loops. Stopping it (a `sim` chaos verb) pauses every loop — nothing self-heals, nothing rolls out —
// and starting it again lets the loops catch up from their caches, as a restarted process would.
import type { Controller, ControllerContext } from "../controllers/context";
import type { SharedInformers } from "../client/sharedInformers";

export interface Stoppable extends Controller {
  stop?(): void;
  resume?(): void;
}

export class ControllerManager {
  readonly controllers: Stoppable[] = [];
  running = false;

  constructor(
    readonly ctx: ControllerContext,
    private readonly informers: SharedInformers,
  ) {}

  add(c: Stoppable): void {
    this.controllers.push(c);
  }

  /** Names as `kube-controller-manager --controllers` lists them (for the page's control-plane box). */
  names(): string[] {
    return this.controllers.map((c) => c.name);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (const c of this.controllers) c.start();
    this.informers.startAll();
  }

  /** The process is down: every loop stops acting. Informers keep their caches (they would relist). */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    for (const c of this.controllers) c.stop?.();
  }

  resume(): void {
    if (this.running) return;
    this.running = true;
    for (const c of this.controllers) c.resume?.();
  }
}

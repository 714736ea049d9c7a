// Nodes as small integers for the traffic fast path: a table row stores its pod's node as a number, a
// landing compares client and server nodes as numbers, and whether a node's machine runs is read once per
// traffic tick (a machine does not start or stop within a tick: a tick is one event of the simulation).
// Each node's agent (its kubelet) is the one the rows last read when they refreshed.

export interface NodeAgent {
  readonly alive: boolean;
}

export class NodeIndex {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly agents: (NodeAgent | undefined)[] = [];
  /** 1 when the node's machine runs, valid where checkedAt[id] is `tick`. */
  private alive = new Uint8Array(64);
  private checkedAt = new Int32Array(64);
  private tick = 1;

  /** `up(name)` answers for nodes whose agent is not known. */
  constructor(private readonly up: (node: string) => boolean) {}

  /** A new traffic tick: machines are looked at again. */
  nextTick(): void {
    this.tick++;
  }

  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
      this.agents.push(undefined);
      if (id >= this.alive.length) {
        const alive = new Uint8Array(id * 2);
        alive.set(this.alive);
        this.alive = alive;
        const checkedAt = new Int32Array(id * 2);
        checkedAt.set(this.checkedAt);
        this.checkedAt = checkedAt;
      }
    }
    return id;
  }

  /** The agent of node `id` as a row just read it (looked at again this tick). */
  setAgent(id: number, agent: NodeAgent | undefined): void {
    this.agents[id] = agent;
    this.checkedAt[id] = 0;
  }

  /** Whether node `id`'s machine runs (this tick). */
  isUp(id: number): boolean {
    if (this.checkedAt[id] !== this.tick) {
      const agent = this.agents[id];
      this.alive[id] = (agent ? agent.alive : this.up(this.names[id]!)) ? 1 : 0;
      this.checkedAt[id] = this.tick;
    }
    return this.alive[id] === 1;
  }
}

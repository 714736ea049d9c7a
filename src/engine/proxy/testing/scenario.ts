// Scenario-test support for the network models: a default cluster (control plane + 3 workers), a Session
// whose `-f` reads proxy/fixtures, and small readers. Tests only; runs in Node.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Pod } from "../../api/types";
import type { FileSystem } from "../../kubectl/env";
import { Cluster } from "../../sim/cluster";
import { defaultClusterConfig } from "../../sim/clusterConfig";
import { Session } from "../../sim/session";

const FIXTURES = join(import.meta.dirname, "..", "fixtures");

export const fixturesFs: FileSystem = {
  readFile: (p) => {
    try {
      return readFileSync(join(FIXTURES, p), "utf8");
    } catch {
      return undefined;
    }
  },
  readDir: (p) => (p === "." ? readdirSync(FIXTURES) : undefined),
};

export function newSession(opts: { seed?: number; workers?: number } = {}): { cluster: Cluster; session: Session } {
  const cluster = new Cluster(defaultClusterConfig({ seed: opts.seed ?? 1, workers: opts.workers ?? 3, strict: true }));
  return { cluster, session: new Session(cluster, fixturesFs) };
}

/** Runs one command, failing the test with its output if it did not succeed. */
export function must(session: Session, line: string): string {
  const r = session.run(line);
  if (r.code !== 0) throw new Error(`\`${line}\` failed (${r.code}):\n${r.out}${r.err}`);
  return r.out;
}

export function podsOf(cluster: Cluster, selector: (p: Pod) => boolean, ns = "default"): Pod[] {
  return cluster.list<Pod>("pods", ns).filter(selector);
}

export function ready(p: Pod): boolean {
  return p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") === true && !p.metadata.deletionTimestamp;
}

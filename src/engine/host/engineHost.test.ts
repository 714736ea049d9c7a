import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Batch, PodView, ReplyBody, SavedState, Snapshot, ViewItem } from "../protocol";
import { EngineHost } from "./engineHost";

const NGINX = readFileSync(join(import.meta.dirname, "../scenarios/fixtures/nginx-deployment.yaml"), "utf8");
const nginx = { name: "nginx.yaml", text: NGINX };

function started(nodes = 3, seed = 1): EngineHost {
  const h = new EngineHost();
  const r = h.handle({ kind: "init", nodes, seed });
  expect(r.reply).toEqual({ kind: "ok" });
  expect(r.snapshot?.items.length).toBeGreaterThan(0);
  return h;
}

function reply<K extends ReplyBody["kind"]>(h: EngineHost, body: Parameters<EngineHost["handle"]>[0], kind: K): Extract<ReplyBody, { kind: K }> {
  const r = h.handle(body).reply;
  expect(r.kind).toBe(kind);
  return r as Extract<ReplyBody, { kind: K }>;
}

/** Advances like the worker: slices of `ms`, a flush after each, the page mirror kept up to date. */
function runFor(h: EngineHost, total: number, slice = 250, mirror?: Map<string, ViewItem>): Batch[] {
  const out: Batch[] = [];
  for (let t = 0; t < total; t += slice) {
    h.advance(Math.min(slice, total - t));
    const b = h.flush();
    if (!b) continue;
    out.push(b);
    if (mirror) {
      for (const id of b.removals) mirror.delete(id);
      for (const it of b.upserts) mirror.set(it.id, it);
    }
  }
  return out;
}

const defaultPods = (items: Iterable<ViewItem>) => [...items].filter((i): i is PodView => i.kind === "Pod" && i.namespace === "default");

describe("EngineHost", () => {
  it("refuses requests before init and answers kubectl after", () => {
    const h = new EngineHost();
    expect(h.handle({ kind: "run", line: "kubectl get nodes" }).reply.kind).toBe("error");
    const h2 = started();
    const out = reply(h2, { kind: "run", line: "kubectl get nodes" }, "command").output;
    expect(out.code).toBe(0);
    expect(out.out.split("\n")[0]).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/);
    expect(out.out).toContain("node-3");
  });

  it("applies an editor file as kubectl apply -f does, and the pods run", () => {
    const h = started();
    const r = reply(h, { kind: "apply", files: [nginx] }, "apply");
    expect(r.output).toEqual({ out: "deployment.apps/nginx-deployment created\n", err: "", code: 0 });
    expect(r.diagnostics).toEqual([]);
    const mirror = new Map(h.snapshot()!.items.map((i) => [i.id, i]));
    runFor(h, 60_000, 500, mirror);
    const pods = defaultPods(mirror.values());
    expect(pods.map((p) => p.status)).toEqual(["Running", "Running", "Running"]);
    // The terminal reads the same tab: `kubectl apply -f nginx.yaml` is now unchanged.
    expect(reply(h, { kind: "run", line: "kubectl apply -f nginx.yaml" }, "command").output.out).toBe("deployment.apps/nginx-deployment unchanged\n");
  });

  it("refuses a file with a YAML error at its line and applies none of its documents", () => {
    const h = started();
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: first\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: second\n   bad: indent\n`;
    const r = reply(h, { kind: "apply", files: [{ name: "broken.yaml", text }] }, "apply");
    expect(r.output.code).toBe(1);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ file: "broken.yaml", line: 10, severity: "error" });
    // go-yaml's own wording, as kubectl prints it.
    expect(r.output.err).toMatch(/^error: error parsing broken\.yaml: error converting YAML to JSON: yaml: line \d+: /);
    expect(reply(h, { kind: "run", line: "kubectl get configmap first" }, "command").output.err).toBe('Error from server (NotFound): configmaps "first" not found\n');
  });

  it("marks unknown fields at their line with the API server's strict-decoding message", () => {
    const h = started();
    const text = NGINX.replace("  replicas: 3", "  replicass: 3");
    const v = reply(h, { kind: "validate", file: { name: "nginx.yaml", text } }, "validate");
    expect(v.diagnostics).toHaveLength(1);
    expect(v.diagnostics[0]).toMatchObject({ line: 8, column: 3, field: "spec.replicass" });
    expect(v.diagnostics[0]!.message).toBe(
      'Error from server (BadRequest): error when creating "nginx.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicass"',
    );
    const a = reply(h, { kind: "apply", files: [{ name: "nginx.yaml", text }] }, "apply");
    expect(a.diagnostics).toEqual(v.diagnostics);
    expect(reply(h, { kind: "run", line: "kubectl get deploy" }, "command").output.err).toBe("No resources found in default namespace.\n");
    // Validation alone is not a command: it is not journaled.
    expect(h.save()!.journal.map((e) => e.op)).toEqual(["apply", "run"]);
  });

  it("turns server refusals into diagnostics from kubectl's location line", () => {
    const h = started();
    const text = NGINX.replace("name: nginx-deployment", "name: Nginx_Deployment");
    const a = reply(h, { kind: "apply", files: [{ name: "nginx.yaml", text }] }, "apply");
    expect(a.output.err).toContain('The Deployment "Nginx_Deployment" is invalid: metadata.name: Invalid value: "Nginx_Deployment"');
    expect(a.diagnostics[0]).toMatchObject({ file: "nginx.yaml", line: 4, field: "metadata.name" });
  });

  it("keeps the clock settings within 0.5x..100x, steps to the next event and pauses", () => {
    const h = started();
    reply(h, { kind: "clock", speed: 1000 }, "ok");
    expect(h.clock().speed).toBe(100);
    reply(h, { kind: "clock", speed: 0.1, paused: false }, "ok");
    expect(h.clock()).toMatchObject({ speed: 0.5, paused: false });
    const before = h.now;
    const next = h.cluster!.events.nextTime()!;
    reply(h, { kind: "step" }, "ok");
    expect(h.now).toBe(next);
    expect(h.now).toBeGreaterThan(before);
    expect(h.clock().paused).toBe(true);
  });

  it("skips ahead to the next API write that is not a heartbeat", () => {
    const h = started();
    const start = h.now;
    reply(h, { kind: "run", line: "kubectl create deployment web --image=nginx --replicas=2" }, "command");
    h.flush();
    reply(h, { kind: "skip" }, "ok");
    const b = h.flush()!;
    const writes = b.messages.filter((m) => m.verb !== "get" && m.verb !== "list" && m.resource !== "leases" && m.resource !== "events");
    expect(writes.length).toBeGreaterThan(0);
    expect(h.now).toBeGreaterThan(start);
    // A quiet cluster: skip gives up after maxMs.
    runFor(h, 120_000, 5000);
    const quiet = h.now;
    reply(h, { kind: "skip", maxMs: 30_000 }, "ok");
    expect(h.now - quiet).toBe(30_000);
    // A killed node: nothing is written until the node lifecycle controller notices the silence
    // (node-monitor-grace-period 50 s) and marks it NotReady.
    reply(h, { kind: "run", line: "sim node kill node-2" }, "command");
    h.flush();
    const killed = h.now;
    reply(h, { kind: "skip" }, "ok");
    const b2 = h.flush()!;
    expect(h.now - killed).toBeGreaterThan(40_000);
    expect(h.now - killed).toBeLessThanOrEqual(60_000);
    expect(b2.messages.some((m) => m.actor === "node-controller" && m.name === "node-2")).toBe(true);
  });

  it("explains an object: describe, yaml, events, owners, dependents and the scheduler's choice", () => {
    const h = started();
    reply(h, { kind: "apply", files: [nginx] }, "apply");
    const mirror = new Map(h.snapshot()!.items.map((i) => [i.id, i]));
    runFor(h, 30_000, 1000, mirror);
    const pod = defaultPods(mirror.values())[0]!;
    const batchesBefore = h.flush();
    const d = reply(h, { kind: "details", id: pod.id }, "details").details!;
    expect(d.describe.split("\n")[0]).toBe(`Name:             ${pod.name}`);
    expect(d.yaml).toContain(`  uid: ${pod.id}\n`);
    expect(d.events.map((e) => e.reason)).toContain("Scheduled");
    expect(d.owners).toEqual([{ kind: "ReplicaSet", name: expect.stringMatching(/^nginx-deployment-/), id: pod.ownerId }]);
    expect(d.scheduling?.nodeName).toBe(pod.nodeName);
    const chosen = d.scheduling!.nodes.find((n) => n.node === pod.nodeName)!;
    expect(Object.values(chosen.filters).every((v) => v === "")).toBe(true);
    expect(chosen.total).toBeGreaterThan(0);
    // The control-plane node is tainted: TaintToleration rejects it.
    const cp = d.scheduling!.nodes.find((n) => n.node === "control-plane");
    expect(cp?.filters.TaintToleration).toBe("node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }");
    const rs = reply(h, { kind: "details", id: pod.ownerId! }, "details").details!;
    expect(rs.dependents.filter((x) => x.kind === "Pod")).toHaveLength(3);
    const sched = reply(h, { kind: "details", id: "kube-scheduler" }, "details").details!;
    expect(sched.describe.split("\n")[0]).toBe("Name:                 kube-scheduler-control-plane");
    // The inspector's reads are not animated as cluster traffic.
    expect(batchesBefore === undefined || batchesBefore.seq > 0).toBe(true);
    const after = h.flush();
    expect((after?.messages ?? []).filter((m) => m.actor === "kubelab-inspector")).toEqual([]);
    expect(reply(h, { kind: "details", id: "no-such-id" }, "details").details).toBeNull();
  });

  it("refuses a malformed saved state without crashing", () => {
    const h = new EngineHost();
    const bad = { version: 1, seed: 1, nodes: 3, now: 0, journal: [{ at: 0, op: "format-disk" }] } as unknown as SavedState;
    expect(h.handle({ kind: "init", state: bad }).reply).toEqual({ kind: "error", message: "saved state journal entry 1 is malformed" });
    expect(h.started).toBe(false);
  });

  it("replays a saved state to the identical cluster (determinism)", () => {
    const a = started(3, 7);
    reply(a, { kind: "apply", files: [nginx] }, "apply");
    runFor(a, 20_000, 333);
    // Advance in uneven slices that yield mid-way, as the worker's real-time budget does.
    let n = 0;
    a.advance(9_000, () => ++n % 3 === 0);
    reply(a, { kind: "run", line: "sim node kill node-1" }, "command");
    runFor(a, 70_000, 1700);
    reply(a, { kind: "run", line: "kubectl scale deployment nginx-deployment --replicas=5" }, "command");
    reply(a, { kind: "step" }, "ok");
    reply(a, { kind: "skip" }, "ok");
    reply(a, { kind: "details", id: "kube-scheduler" }, "details");
    runFor(a, 30_000, 900);
    reply(a, { kind: "delete", files: [nginx] }, "apply");
    runFor(a, 5_000);
    reply(a, { kind: "run", line: "sim node restore node-1" }, "command");
    runFor(a, 12_345, 1000);
    // The editor's tabs, then the terminal applying one of them by name.
    reply(a, { kind: "files", files: [{ name: "cm.yaml", text: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: b\n" }] }, "ok");
    reply(a, { kind: "files", files: [{ name: "cm.yaml", text: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: b\n" }] }, "ok");
    expect(reply(a, { kind: "run", line: "kubectl apply -f cm.yaml" }, "command").output.out).toBe("configmap/settings created\n");
    runFor(a, 3_000, 1000);
    const saved = reply(a, { kind: "save" }, "saved").state;
    expect(saved.journal.map((e) => e.op)).toEqual(["apply", "run", "run", "delete", "run", "files", "run"]);
    expect(saved.now).toBe(a.now);

    const b = new EngineHost();
    const r = b.handle({ kind: "init", state: JSON.parse(JSON.stringify(saved)) as SavedState });
    const strip = (s: Snapshot) => ({ items: s.items, events: s.events, now: s.clock.now, wallTime: s.clock.wallTime });
    expect(strip(r.snapshot!)).toEqual(strip(a.snapshot()!));
    expect(reply(b, { kind: "run", line: "kubectl get pods -A -o wide" }, "command").output).toEqual(reply(a, { kind: "run", line: "kubectl get pods -A -o wide" }, "command").output);
    expect(reply(b, { kind: "run", line: "kubectl get configmap settings -o name" }, "command").output.out).toBe("configmap/settings\n");
  });

  it("runs an experiment on the cluster it builds, and a reload rebuilds the same cluster", () => {
    const a = started();
    const r = a.handle({ kind: "experiment", name: "partition-node", set: { healAfter: "2m" } });
    expect(r.reply.kind).toBe("experiment");
    expect(r.snapshot).toBeDefined();
    const run = (r.reply as Extract<ReplyBody, { kind: "experiment" }>).run!;
    expect(run.phase).toBe("running");
    const failureAt = run.failureAt!;
    // The host advances in uneven slices; the scripted heal still runs at its exact instant.
    runFor(a, 150_000, 7_000);
    const healed = reply(a, { kind: "experimentStatus" }, "experiment").run!;
    expect(healed.marks.find((m) => m.kind === "step")?.t).toBe(failureAt + 120_000);
    reply(a, { kind: "run", line: "kubectl get nodes" }, "command");
    runFor(a, 10_000, 3_000);
    const saved = reply(a, { kind: "save" }, "saved").state;
    expect(saved.experiment).toEqual({ name: "partition-node", set: { healAfter: "2m" } });

    const b = new EngineHost();
    const rb = b.handle({ kind: "init", state: JSON.parse(JSON.stringify(saved)) as SavedState });
    expect(rb.reply).toEqual({ kind: "ok" });
    const strip = (s: Snapshot) => ({ items: s.items, events: s.events, now: s.clock.now });
    expect(strip(rb.snapshot!)).toEqual(strip(a.snapshot()!));
    expect(reply(b, { kind: "experimentStatus" }, "experiment").run?.marks).toEqual(reply(a, { kind: "experimentStatus" }, "experiment").run?.marks);

    expect(reply(a, { kind: "experimentFinish" }, "experiment").run?.phase).toBe("done");
    expect(reply(a, { kind: "experimentStop" }, "experiment").run).toBeNull();
    expect(a.handle({ kind: "experiment", name: "no-such-experiment" }).reply.kind).toBe("error");
  });
});

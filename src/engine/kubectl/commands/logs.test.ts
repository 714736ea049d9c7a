// kubectl logs: container choice and its errors (pkg/polymorphichelpers/logsforobject.go), the kubelet's
// refusals (validateContainerLogStatus, pkg/kubelet/kubelet_pods.go), --tail, --previous and TYPE/NAME.
import { describe, expect, it } from "vitest";
import type { ContainerStatus, KubeObject, Pod } from "../../api/types";
import type { ContainerLogSource } from "../env";
import { runKubectl } from "../kubectl";
import { tokenize } from "../tokenize";
import { TestCluster } from "../util/testCluster";
import { byLogging } from "./logs";

const LOGS: Record<string, string[]> = {
  "node-1/default/web/app": ["one", "two", "three"],
  "node-1/default/web/app/previous": ["crashed"],
  "node-1/default/pi-abcde/pi": ["3.14159265358979323846"],
};
const source: ContainerLogSource = {
  containerLogs: (node, ns, pod, c, prev) => LOGS[`${node}/${ns}/${pod}/${c}${prev ? "/previous" : ""}`],
};

const running = (name: string, extra: Partial<ContainerStatus> = {}): ContainerStatus =>
  ({ name, ready: true, restartCount: 0, image: "nginx", imageID: "", state: { running: { startedAt: "2026-01-01T00:00:00Z" } }, lastState: {}, containerID: "containerd://1", ...extra }) as ContainerStatus;

function pod(name: string, containers: string[], statuses: ContainerStatus[], o: { labels?: Record<string, string>; nodeName?: string; init?: string[] } = {}): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", ...(o.labels ? { labels: o.labels } : {}) },
    spec: { ...(o.nodeName === "" ? {} : { nodeName: o.nodeName ?? "node-1" }), containers: containers.map((c) => ({ name: c, image: "nginx" })), ...(o.init ? { initContainers: o.init.map((c) => ({ name: c, image: "busybox" })) } : {}) },
    status: { phase: "Running", containerStatuses: statuses },
  } as unknown as Pod;
}

function cluster(...pods: Pod[]) {
  const c = new TestCluster({ nodeAgent: false });
  for (const p of pods) {
    const status = p.status;
    c.create(p);
    c.patch("pods", "default", p.metadata.name, (o) => ((o as Pod).status = status), true);
  }
  const run = (line: string) => runKubectl({ ...c.env, logs: source }, tokenize(line));
  return { c, run };
}

describe("kubectl logs", () => {
  it("prints the only container's lines, and the last N with --tail", () => {
    const { run } = cluster(pod("web", ["app"], [running("app")]));
    expect(run("logs web")).toMatchObject({ out: "one\ntwo\nthree\n", code: 0 });
    expect(run("logs web --tail 2").out).toBe("two\nthree\n");
    expect(run("logs web -c app --tail=0").out).toBe("");
  });

  it("reports a missing pod as the API server does", () => {
    const { run } = cluster();
    expect(run("logs nope").err).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it("asks for a container name when the pod has several", () => {
    const { run } = cluster(pod("multi", ["a", "b"], [running("a"), running("b")], { init: ["setup"] }));
    expect(run("logs multi").err).toBe("error: a container name must be specified for pod multi, choose one of: [a b] or one of the init containers: [setup]\n");
    expect(run("logs multi -c zzz").err).toBe("error: container zzz is not valid for pod multi\n");
  });

  it("relays the kubelet's refusals for waiting and never-terminated containers", () => {
    const waiting = running("app", { ready: false, state: { waiting: { reason: "ContainerCreating" } }, containerID: undefined } as Partial<ContainerStatus>);
    const pulling = running("app", { ready: false, state: { waiting: { reason: "ImagePullBackOff" } } } as Partial<ContainerStatus>);
    const { run } = cluster(pod("x", ["app"], [waiting]), pod("y", ["app"], [pulling]), pod("web", ["app"], [running("app")]));
    expect(run("logs x").err).toBe('Error from server (BadRequest): container "app" in pod "x" is waiting to start: ContainerCreating\n');
    expect(run("logs y").err).toBe('Error from server (BadRequest): container "app" in pod "y" is waiting to start: trying and failing to pull image\n');
    expect(run("logs web --previous").err).toBe('Error from server (BadRequest): previous terminated container "app" in pod "web" not found\n');
  });

  it("reads the previous instance of a restarted container", () => {
    const restarted = running("app", { restartCount: 1, lastState: { terminated: { exitCode: 1, reason: "Error", containerID: "containerd://0" } } } as Partial<ContainerStatus>);
    const { run } = cluster(pod("web", ["app"], [restarted]));
    expect(run("logs web -p").out).toBe("crashed\n");
    expect(run("logs web").out).toBe("one\ntwo\nthree\n");
  });

  it("prints nothing for a pod not yet scheduled", () => {
    const { run } = cluster(pod("pending", ["app"], [], { nodeName: "" }));
    expect(run("logs pending")).toMatchObject({ out: "", err: "", code: 0 });
  });

  it("follows job/NAME to its pod (the docs' pi Job)", () => {
    const { c, run } = cluster();
    // The API server generates the Job's selector (batch.kubernetes.io/controller-uid=<uid>): label the pod with it.
    const job = c.create({ apiVersion: "batch/v1", kind: "Job", metadata: { name: "pi", namespace: "default" }, spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "pi", image: "perl" }] } } } } as unknown as KubeObject);
    const labels = (job as unknown as { spec: { selector: { matchLabels: Record<string, string> } } }).spec.selector.matchLabels;
    const done = running("pi", { ready: false, state: { terminated: { exitCode: 0, reason: "Completed", containerID: "containerd://2" } } } as Partial<ContainerStatus>);
    const p = pod("pi-abcde", ["pi"], [done], { labels });
    c.create(p);
    c.patch("pods", "default", "pi-abcde", (o) => ((o as Pod).status = p.status), true);
    const r = run("logs job/pi");
    expect(r.err).toBe("");
    expect(r.out).toBe("3.14159265358979323846\n");
  });

  it("requires a pod or TYPE/NAME", () => {
    const { run } = cluster();
    expect(run("logs").err).toContain("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\n");
  });
});

describe("byLogging", () => {
  it("prefers scheduled, running, ready pods", () => {
    const a = pod("a", ["c"], [], { nodeName: "" });
    const b = { ...pod("b", ["c"], []), status: { phase: "Pending" } } as unknown as Pod;
    const r = pod("r", ["c"], []);
    expect([a, b, r].sort(byLogging).map((p) => p.metadata.name)).toEqual(["r", "b", "a"]);
  });
});

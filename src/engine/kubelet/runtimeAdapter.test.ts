// The kubelet's runtime over the behaviour model: what a started container shows (its log, its probes,
// the files and environment the kubelet gives it) whether or not the runtime built them up front.
import { describe, expect, it } from "vitest";
import type { Container, Pod, Probe } from "../api/types";
import type { VolumeHandle, VolumeStore } from "./behaviour/containerFs";
import type { ProcessHost } from "./behaviour/types";
import { SeededRandom } from "../sim/random";
import { createContainerModel } from "./runtimeAdapter";

function pod(name: string, containers: Container[], extra: Partial<Pod["spec"]> = {}): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "shop", uid: `uid-${name}` },
    spec: { nodeName: "node-1", containers, ...extra },
    status: { phase: "Pending", hostIP: "172.18.0.2" },
  } as unknown as Pod;
}

/** A pod's volumes as the kubelet keeps them: one map per volume, made when first asked for. */
function volumes(): VolumeStore & { asked: string[] } {
  const byName = new Map<string, VolumeHandle>();
  const asked: string[] = [];
  return {
    asked,
    get(name) {
      asked.push(name);
      let h = byName.get(name);
      if (!h) byName.set(name, (h = { files: new Map([["token", "t0k3n"]]), readOnly: true }));
      return h;
    },
  };
}

const NGINX: Container = { name: "web", image: "nginx:1.27", ports: [{ containerPort: 80 }] };

describe("runtimeAdapter", () => {
  it("replicas started together print the same start-up log; a probe's access-log line goes to its own container only", () => {
    const model = createContainerModel(new SeededRandom(1));
    expect(model.pullImage("nginx:1.27").ok).toBe(true);
    const a = model.start(pod("a", [NGINX]), NGINX, { now: 5_000, podIP: "10.244.1.2", volumes: volumes() });
    const b = model.start(pod("b", [NGINX]), NGINX, { now: 5_000, podIP: "10.244.1.3", volumes: volumes() });
    const startup = [...a.logs()];
    expect(startup.at(-1)).toMatch(/\[notice\] 1#1: start worker process/);
    expect(b.logs()).toEqual(startup);
    // kubelet's httpGet probe: nginx logs the request (kube-probe user agent) and answers 200.
    const probe: Probe = { httpGet: { path: "/", port: 80 } };
    expect(a.probe(probe, 6_000, "10.244.1.2")).toMatchObject({ ok: true });
    expect(a.logs()).toHaveLength(startup.length + 1);
    expect(a.logs().at(-1)).toContain('"GET / HTTP/1.1" 200 615 "-" "kube-probe/1.34" "-"');
    expect(b.logs()).toEqual(startup);
  });

  it("an exec probe into a server sees the kubelet's /etc/hosts and hostname, the pod's env and its projected volume", () => {
    const model = createContainerModel(new SeededRandom(1));
    model.pullImage("nginx:1.27");
    const c: Container = {
      ...NGINX,
      env: [{ name: "GREETING", value: "hi" }],
      volumeMounts: [{ name: "kube-api-access", mountPath: "/var/run/secrets/kubernetes.io/serviceaccount", readOnly: true }],
    };
    const vols = volumes();
    const p = pod("app", [c], { hostname: "box", subdomain: "sub", volumes: [{ name: "kube-api-access", projected: { sources: [] } }] as Pod["spec"]["volumes"] });
    const rc = model.start(p, c, { now: 0, podIP: "10.244.1.7", volumes: vols });
    // A server's projected volume is mounted when the process first touches its files (a per-pod map).
    expect(vols.asked).toEqual([]);
    const probe: Probe = { exec: { command: ["sh", "-c", "cat /etc/hostname; grep 10.244 /etc/hosts; echo $GREETING $HOSTNAME $KUBERNETES_SERVICE_HOST; cat /var/run/secrets/kubernetes.io/serviceaccount/token"] } };
    expect(rc.probe(probe, 1_000, "10.244.1.7")).toEqual({ ok: true, output: "box\n10.244.1.7\tbox.sub.shop.svc.cluster.local\tbox\nhi box 10.96.0.1\nt0k3n" });
    expect(vols.asked).toEqual(["kube-api-access"]);
  });

  it("a server without exec probes never reaches its host; a script does, through the host it started with", () => {
    const model = createContainerModel(new SeededRandom(1));
    model.pullImage("nginx:1.27");
    model.pullImage("busybox:1.36");
    const calls: string[] = [];
    const host: ProcessHost = {
      httpGet: (url) => {
        calls.push(url);
        return { status: 200, body: "pong\n" };
      },
    };
    const web = model.start(pod("w", [NGINX]), NGINX, { now: 0, podIP: "10.244.1.2", volumes: volumes(), host });
    expect(web.nextEventTime()).toBeUndefined();
    const script: Container = { name: "s", image: "busybox:1.36", command: ["sh", "-c", "wget -q -O- http://backend/ping"] };
    const s = model.start(pod("s", [script]), script, { now: 0, podIP: "10.244.1.3", volumes: volumes(), host });
    expect(s.advance(1_000)).toEqual({ exitCode: 0, reason: "Completed" });
    expect(calls).toEqual(["http://backend/ping"]);
    expect(s.logs()).toEqual(["pong"]);
  });
});

// PodRuntime's static view answers for pods whose containers have no live process: nginx serves its
// welcome page at / and 404 elsewhere (the official image's /usr/share/nginx/html holds index.html only),
// nothing listens on another port, and usage stays fixed for the pod object.
import { describe, expect, it } from "vitest";
import type { Pod } from "../api/types";
import type { ProcessHost } from "../kubelet/behaviour/types";
import { PodRuntime } from "./podRuntime";

function nginx(name: string): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", uid: `uid-${name}` },
    spec: { nodeName: "node-1", containers: [{ name: "web", image: "nginx:1.27", ports: [{ containerPort: 80 }] }] },
    status: { phase: "Running", podIP: "10.244.1.5", containerStatuses: [{ name: "web", ready: true, restartCount: 0, image: "nginx:1.27", imageID: "", state: { running: { startedAt: "2025-01-01T00:00:00Z" } } }] },
  } as unknown as Pod;
}

describe("PodRuntime static view", () => {
  it("answers like nginx on port 80 for every pod of the image, and refuses other ports", () => {
    const rt = new PodRuntime();
    for (const p of [nginx("a"), nginx("b")]) {
      expect(rt.statusFor(p, 80, "/", 0)).toBe(200);
      expect(rt.statusFor(p, 80, "/index.html", 0)).toBe(200);
      expect(rt.statusFor(p, 80, "/nope", 0)).toBe(404);
      expect(rt.statusFor(p, 81, "/", 0)).toBe("refused");
      expect(rt.listening(p, 80, 0)).toBe(true);
      expect(rt.listening(p, 81, 0)).toBe(false);
      expect(rt.serverName(p, 80)).toBe("nginx");
    }
  });

  it("keeps a pod's usage while the pod object is the same, and reads a new object again", () => {
    const rt = new PodRuntime();
    const p = nginx("a");
    const u = rt.usage(p);
    expect(u.map((c) => c.name)).toEqual(["web"]);
    expect(rt.usageStable(p)).toBe(true);
    expect(rt.usage(p)).toBe(u);
    const stopped = { ...p, status: { ...p.status, containerStatuses: [{ ...p.status!.containerStatuses![0]!, state: { terminated: { exitCode: 0 } } }] } } as Pod;
    expect(rt.usage(stopped)).toEqual([]);
    expect(rt.statusFor(stopped, 80, "/", 0)).toBe("refused");
  });
});

describe("PodRuntime views shared between pods", () => {
  it("answers for each pod of one template alike, and keeps the view a pod was first seen with", () => {
    const rt = new PodRuntime();
    const a = nginx("a");
    const b = nginx("b");
    expect(rt.usage(b)).toEqual(rt.usage(a));
    // An image changed in place restarts nothing in this simulation: the pod keeps serving what it served.
    const changed = { ...a, spec: { ...a.spec, containers: [{ ...a.spec.containers[0]!, image: "httpd:2.4" }] } } as Pod;
    expect(rt.serverName(changed, 80)).toBe("nginx");
    // A new pod with that image is seen as what it is.
    const httpd = { ...changed, metadata: { ...changed.metadata, name: "c", uid: "uid-c" } } as Pod;
    expect(rt.serverName(httpd, 80)).toBe("httpd");
    expect(rt.statusFor(httpd, 80, "/", 0)).toBe(200);
  });

  it("gives a started container a host that asks hostFor only when the process first reaches out", () => {
    const rt = new PodRuntime();
    const asked: string[] = [];
    rt.hostFor = (p) => {
      asked.push(p.metadata.name);
      return { httpGet: (url) => ({ status: 200, body: url }) };
    };
    let host: ProcessHost | undefined;
    const model = rt.wrap({
      pullImage: () => ({ ok: true, sizeBytes: 1, imageRef: "x", digest: "d", durationMs: 0 }),
      start: (_pod, _c, opts) => {
        host = opts.host;
        return { nextEventTime: () => undefined, advance: () => undefined, terminate: () => undefined, probe: () => ({ ok: true, output: "" }), logs: () => [] };
      },
    });
    const p = nginx("a");
    model.start(p, p.spec.containers[0]!, { now: 0, podIP: "10.244.1.5", volumes: { get: () => undefined } });
    expect(asked).toEqual([]);
    expect(host?.httpGet?.("http://svc/", 0)).toEqual({ status: 200, body: "http://svc/" });
    expect(host?.podPortOpen?.(80, 0)).toBeUndefined();
    expect(asked).toEqual(["a"]);
  });
});

// PodRuntime's static view answers for pods whose containers have no live process: nginx serves its
// welcome page at / and 404 elsewhere (the official image's /usr/share/nginx/html holds index.html only),
// nothing listens on another port, and usage stays fixed for the pod object.
import { describe, expect, it } from "vitest";
import type { Pod } from "../api/types";
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

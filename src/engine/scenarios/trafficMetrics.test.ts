// metrics-server and `kubectl top` on the whole cluster: samples every 15 s (--metric-resolution), a CPU
// rate needs two scrapes, load turns into CPU (usageModel.ts) capped at limits.cpu, kubectl's wording when
// metrics are missing (kubectl pkg/cmd/top/top_pod.go verifyEmptyMetrics/checkPodAge, top_node.go).
import { describe, expect, it } from "vitest";
import { goDuration } from "../kubelet/goDuration";
import { unregisterMetricsApi } from "../metrics/apiService";
import { must, newSession, podsOf } from "../proxy/testing/scenario";

describe("kubectl top", () => {
  it("reports nodes and the control plane's pods on a fresh cluster", () => {
    const { session } = newSession();
    const nodes = session.run("kubectl top nodes");
    expect(nodes.code).toBe(0);
    const lines = nodes.out.split("\n");
    expect(lines[0]).toMatch(/^NAME\s+CPU\(cores\)\s+CPU\(%\)\s+MEMORY\(bytes\)\s+MEMORY\(%\)\s+$/);
    for (const [i, n] of ["control-plane", "node-1", "node-2", "node-3"].entries()) expect(lines[i + 1]).toMatch(new RegExp(`^${n}\\s+\\d+m\\s+\\d+%\\s+\\d+Mi\\s+\\d+%\\s+$`));
    const system = session.run("kubectl top pods -n kube-system").out;
    expect(system).toMatch(/^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s+\n/);
    expect(system).toMatch(/\nkube-apiserver-control-plane\s+\d+m\s+\d+Mi\s+\n/);
    expect(system).toMatch(/\ncoredns-[a-z0-9]+-[a-z0-9]{5}\s+\d+m\s+\d+Mi\s+\n/);
  });

  it("says metrics are not available yet for new pods, then shows them after two scrapes", () => {
    const { cluster, session } = newSession();
    must(session, "kubectl create deployment web --image=nginx --replicas=2");
    // Before the controllers made the pods there is nothing to report.
    expect(session.run("kubectl top pods")).toEqual({ out: "", err: "No resources found in default namespace.\n", code: 0 });
    cluster.advance(3_000);
    expect(session.run("kubectl top pods")).toEqual({ out: "", err: "error: metrics not available yet\n", code: 1 });
    cluster.advance(45_000);
    const top = session.run("kubectl top pods");
    expect(top.code).toBe(0);
    expect(top.out).toMatch(/^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s+\nweb-[a-z0-9]+-[a-z0-9]{5}\s+1m\s+3Mi\s+\nweb-[a-z0-9]+-[a-z0-9]{5}\s+1m\s+3Mi\s+\n$/);
    expect(session.run("kubectl top pods -n nosuch")).toEqual({ out: "", err: "No resources found in nosuch namespace.\n", code: 0 });
  });

  it("answers NotFound from metrics.k8s.io for a pod or node without metrics", () => {
    const { session } = newSession();
    expect(session.run("kubectl top pod nope").err).toBe('Error from server (NotFound): podmetrics.metrics.k8s.io "default/nope" not found\n');
    expect(session.run("kubectl top node nope").err).toBe('Error from server (NotFound): nodemetrics.metrics.k8s.io "nope" not found\n');
    expect(session.run("kubectl top pod --sort-by=name").err).toBe("error: --sort-by accepts only cpu or memory\n");
  });

  it("says the Metrics API is not available without a metrics-server", () => {
    const { cluster, session } = newSession();
    unregisterMetricsApi(cluster.api);
    expect(session.run("kubectl top nodes")).toEqual({ out: "", err: "error: Metrics API not available\n", code: 1 });
  });

  it("turns requests into CPU of php-apache, throttled at its 500m limit (HPA walkthrough)", () => {
    const { cluster, session } = newSession();
    must(session, "kubectl apply -f php-apache.yaml");
    cluster.advance(60_000);
    expect(session.run("kubectl top pods").out).toMatch(/\nphp-apache-[a-z0-9]+-[a-z0-9]{5}\s+1m\s+10Mi\s+\n$/);
    // 20 req/s × 6.5 core-ms = 130m of work + 1m idle.
    must(session, "sim traffic start light --to php-apache --rate 20");
    cluster.advance(45_000);
    expect(session.run("kubectl top pods").out).toMatch(/\nphp-apache-[a-z0-9]+-[a-z0-9]{5}\s+131m\s+10Mi\s+\n$/);
    const pod = podsOf(cluster, (p) => p.metadata.name.startsWith("php-apache-"))[0]!;
    expect(cluster.metrics.podMetrics("default", pod.metadata.name)).toMatchObject({ windowMs: 15_000 });
    // 200 req/s would need 1.3 cores: the CFS quota holds it at the limit, 250% of the 200m request.
    must(session, "sim traffic stop light");
    must(session, "sim traffic start heavy --to php-apache --rate 200");
    cluster.advance(45_000);
    expect(session.run("kubectl top pods").out).toMatch(/\nphp-apache-[a-z0-9]+-[a-z0-9]{5}\s+500m\s+10Mi\s+\n$/);
    // The pod cannot serve more than 500m / 6.5 ms ≈ 76 req/s: the rest is shed.
    const g = cluster.traffic.generator("heavy")!;
    expect(g.byError.overload).toBeGreaterThan(0);
    expect(g.ok / g.sent).toBeLessThan(0.4);
  });

  it("drops pods and the node whose kubelet is unreachable", () => {
    const { cluster, session } = newSession();
    must(session, "kubectl create deployment web --image=nginx --replicas=1");
    cluster.advance(45_000);
    const pod = podsOf(cluster, (p) => p.metadata.labels?.app === "web")[0]!;
    must(session, `sim node kill ${pod.spec.nodeName}`);
    cluster.advance(90_000);
    expect(session.run("kubectl top nodes").out).toMatch(new RegExp(`\\n${pod.spec.nodeName}\\s+<unknown>\\s+<unknown>\\s+<unknown>\\s+<unknown>\\s+\\n`));
    // The pod is older than 2 minutes and has no sample: kubectl names it.
    const top = session.run("kubectl top pods");
    expect(top.code).toBe(1);
    const age = cluster.clock.absolute() - Date.parse(pod.metadata.creationTimestamp);
    expect(age).toBeGreaterThan(120_000);
    expect(top.err).toBe(`error: Metrics not available for pod default/${pod.metadata.name}, age: ${goDuration(age)}\n`);
  });
});

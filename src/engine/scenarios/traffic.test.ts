// Services carrying traffic on the whole simulated cluster: the corpus examples under service/ plus the
// behaviours issue 3 lists — kube-proxy spreading connections evenly (iptables statistic mode), session
// affinity, no endpoints → connection refused, requests to pods on a dead node lost until the endpoints
// change (node-monitor-grace-period 50 s + the 5 s monitor period), externalTrafficPolicy Local.
import { describe, expect, it } from "vitest";
import type { Pod } from "../api/types";
import { lookupImage } from "../kubelet/behaviour/images";
import { compileBehaviour } from "../kubelet/behaviour/program";
import { createContainerProcess } from "../kubelet/behaviour/runtime";
import { must, newSession, podsOf, ready } from "../proxy/testing/scenario";

const WARNING = "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n";

describe("Connecting Applications with Services (run-my-nginx.yaml, nginx-svc.yaml)", () => {
  it("gives my-nginx both pods as endpoints and answers with nginx's welcome page", () => {
    const { cluster, session } = newSession();
    must(session, "kubectl apply -f run-my-nginx.yaml");
    expect(must(session, "kubectl apply -f nginx-svc.yaml")).toBe("service/my-nginx created\n");
    cluster.advance(20_000);
    const pods = podsOf(cluster, (p) => p.metadata.labels?.run === "my-nginx");
    expect(pods.filter(ready)).toHaveLength(2);
    const ep = session.run("kubectl get ep my-nginx");
    // The ENDPOINTS column lists both pods' IP:80 (formatEndpoints) and the API server warns (KEP-4974).
    for (const p of pods) expect(ep.out).toContain(`${p.status!.podIP}:80`);
    expect(ep.err).toBe(WARNING);
    const curl = session.run("sim curl http://my-nginx");
    expect(curl.code).toBe(0);
    expect(curl.out).toContain("<title>Welcome to nginx!</title>");
    // The short name resolves through the pod's search path to the Service's cluster IP.
    const svcIP = cluster.store.get("services", "services/default/my-nginx")!.spec.clusterIP;
    const a = cluster.network.dns.resolve("my-nginx", { searches: ["default.svc.cluster.local", "svc.cluster.local", "cluster.local"] });
    expect(a).toEqual({ rcode: "NOERROR", name: "my-nginx.default.svc.cluster.local", addresses: [svcIP] });
    expect(cluster.internalErrors).toEqual([]);
  });

  it("spreads connections evenly over the endpoints, as the statistic chain does", () => {
    const { cluster, session } = newSession();
    must(session, "kubectl apply -f run-my-nginx.yaml");
    must(session, "kubectl apply -f nginx-svc.yaml");
    must(session, "kubectl scale deployment my-nginx --replicas=4");
    cluster.advance(30_000);
    expect(must(session, "sim traffic start load --to my-nginx --rate 1000")).toMatch(/^traffic\/load started: 1000 requests\/s to service default\/my-nginx \(10\.\d+\.\d+\.\d+:80\)\n$/);
    cluster.advance(60_000);
    const g = cluster.traffic.generator("load")!;
    expect(g.sent).toBe(60_000);
    expect(g.ok).toBe(60_000);
    const perPod = cluster.network.stats.podList().filter((p) => p.name.startsWith("my-nginx-"));
    expect(perPod).toHaveLength(4);
    // Each endpoint gets 1/4: 15,000 ± 2% (binomial spread over 60,000 requests is ~0.4%).
    for (const p of perPod) expect(Math.abs(p.requests - 15_000)).toBeLessThan(300);
    expect(must(session, "sim traffic stop load")).toBe("traffic/load stopped after 60000 requests (60000 ok, 0 errors)\n");
  });

  it("sticks each client to one pod with sessionAffinity ClientIP", () => {
    const { cluster, session } = newSession();
    must(session, "kubectl apply -f run-my-nginx.yaml");
    must(session, "kubectl scale deployment my-nginx --replicas=3");
    must(session, "kubectl expose deployment my-nginx --port=80 --session-affinity=ClientIP");
    cluster.advance(30_000);
    must(session, "sim traffic start one --to my-nginx --rate 50");
    cluster.advance(30_000);
    const served = cluster.network.stats.podList().filter((p) => p.requests > 0);
    expect(served).toHaveLength(1);
    expect(served[0]!.requests).toBe(1_500);
    must(session, "sim traffic stop one");
    // Several clients: each sticks somewhere, together they reach more than one pod.
    must(session, "sim traffic start many --to my-nginx --rate 60 --clients 30");
    cluster.advance(10_000);
    expect(cluster.network.stats.podList().filter((p) => p.requests > 0).length).toBeGreaterThan(1);
  });
});

describe("a Service whose selector matches nothing (service.md examples)", () => {
  it("has no endpoints, and connecting is refused like curl reports it", () => {
    const { cluster, session } = newSession();
    expect(must(session, "kubectl apply -f simple-service.yaml")).toBe("service/my-service created\n");
    must(session, "kubectl apply -f nginx-service.yaml");
    cluster.advance(5_000);
    const ep = session.run("kubectl get endpoints my-service nginx-service");
    expect(ep.out).toMatch(/^NAME\s+ENDPOINTS\s+AGE\nmy-service\s+<none>\s+5s\nnginx-service\s+<none>\s+5s\n$/);
    const curl = session.run("sim curl http://my-service");
    expect(curl).toEqual({ out: "", err: "curl: (7) Failed to connect to my-service port 80 after 0 ms: Couldn't connect to server\n", code: 7 });
    // nginx-service serves on port 8000.
    expect(session.run("sim curl http://nginx-service:8000/").code).toBe(7);
    must(session, "sim traffic start t --to my-service --rate 10");
    cluster.advance(5_000);
    expect(cluster.traffic.generator("t")).toMatchObject({ sent: 50, ok: 0, errors: 50, byError: { refused: 50 } });
    expect(session.run("sim curl http://nosuch/")).toEqual({ out: "", err: "curl: (6) Could not resolve host: nosuch\n", code: 6 });
  });
});

describe("named targetPort (service/access backend-service.yaml)", () => {
  it("resolves targetPort: http to the container port named http on each pod", () => {
    const { cluster, session } = newSession();
    must(session, "kubectl apply -f backend-deployment.yaml");
    must(session, "kubectl apply -f backend-service.yaml");
    cluster.advance(30_000);
    const slices = cluster.list("endpointslices", "default").filter((s) => s.metadata.labels?.["kubernetes.io/service-name"] === "hello");
    expect(slices.flatMap((s) => (s as unknown as { ports: { port: number }[] }).ports.map((p) => p.port))).toEqual([80]);
    const rules = cluster.network.proxy.latest.services.get("default/hello")!;
    expect(rules.ports[0]!.endpoints.map((e) => e.port)).toEqual([80, 80, 80]);
  });
});

describe("a node dies under traffic", () => {
  it("loses the requests sent to its pod until the endpoints drop it, then serves from the others", () => {
    const { cluster, session } = newSession();
    must(session, "kubectl apply -f run-my-nginx.yaml");
    must(session, "kubectl apply -f nginx-svc.yaml");
    cluster.advance(20_000);
    const victim = podsOf(cluster, (p) => p.metadata.labels?.run === "my-nginx")[0]!;
    must(session, "sim traffic start t --to my-nginx --rate 100");
    cluster.advance(5_000);
    const g = cluster.traffic.generator("t")!;
    expect(g.errors).toBe(0);
    must(session, `sim node kill ${victim.spec.nodeName}`);
    cluster.advance(40_000);
    // About half the connections go to the dead node's pod and time out.
    const lost = g.byError.timeout;
    expect(lost).toBeGreaterThan(1_500);
    expect(lost).toBeLessThan(2_500);
    // The node controller marks it NotReady after 50 s (+ up to 5 s), its pod leaves the endpoints.
    cluster.advance(20_000);
    const after = g.errors;
    cluster.advance(30_000);
    expect(g.errors).toBe(after);
    expect(session.run("kubectl get ep my-nginx").out).not.toContain(victim.status!.podIP!);
  });
});

describe("externalTrafficPolicy Local on a NodePort Service", () => {
  it("serves on the node that runs a pod and drops (times out) on the others", () => {
    const { cluster, session } = newSession();
    must(session, "kubectl create deployment web --image=nginx --replicas=1 --port=80");
    cluster.api.create(
      "kubectl",
      { apiVersion: "v1", kind: "Service", metadata: { name: "web" }, spec: { type: "NodePort", externalTrafficPolicy: "Local", selector: { app: "web" }, ports: [{ port: 80, nodePort: 30080 }] } } as never,
      "default",
    );
    cluster.advance(20_000);
    const pod = podsOf(cluster, (p) => p.metadata.labels?.app === "web")[0]!;
    const home = pod.spec.nodeName!;
    const other = ["node-1", "node-2", "node-3"].find((n) => n !== home)!;
    const ipOf = (n: string) => cluster.network.book.nodeIP(n)!;
    expect(session.run(`sim curl http://${ipOf(home)}:30080/`).code).toBe(0);
    const t0 = cluster.now();
    // curl waits for the kernel to give up (no --max-time): 130 s of simulated time.
    expect(session.run(`sim curl http://${ipOf(other)}:30080/`)).toEqual({ out: "", err: "curl: (28) Connection timed out after 130001 milliseconds\n", code: 28 });
    expect(cluster.now() - t0).toBe(130_000);
    must(session, `sim traffic start a --to ${home}:30080 --rate 20`);
    must(session, `sim traffic start b --to ${other}:30080 --rate 20`);
    cluster.advance(10_000);
    expect(cluster.traffic.generator("a")).toMatchObject({ sent: 200, ok: 200 });
    expect(cluster.traffic.generator("b")).toMatchObject({ sent: 200, ok: 0, byError: { timeout: 200 } });
  });

  it("with Cluster policy any node's port reaches the pod", () => {
    const { cluster, session } = newSession();
    must(session, "kubectl create deployment web --image=nginx --replicas=1 --port=80");
    must(session, "kubectl expose deployment web --type=NodePort --port=80");
    cluster.advance(20_000);
    const nodePort = cluster.store.get("services", "services/default/web")!.spec.ports[0].nodePort as number;
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    expect(nodePort).toBeLessThanOrEqual(32767);
    for (const n of ["node-1", "node-2", "node-3"]) {
      expect(session.run(`sim curl http://${cluster.network.book.nodeIP(n)}:${nodePort}/`).out).toContain("Welcome to nginx!");
    }
  });
});

describe("scaling to zero and back", () => {
  it("refuses connections while there is no endpoint and recovers when pods are ready", () => {
    const { cluster, session } = newSession();
    must(session, "kubectl apply -f run-my-nginx.yaml");
    must(session, "kubectl apply -f nginx-svc.yaml");
    cluster.advance(20_000);
    must(session, "sim traffic start t --to my-nginx --rate 10");
    must(session, "kubectl scale deployment my-nginx --replicas=0");
    cluster.advance(60_000);
    const g = cluster.traffic.generator("t")!;
    expect(g.byError.refused).toBeGreaterThan(500);
    must(session, "kubectl scale deployment my-nginx --replicas=2");
    cluster.advance(30_000);
    const before = g.errors;
    cluster.advance(10_000);
    expect(g.errors).toBe(before);
    expect(cluster.internalErrors).toEqual([]);
  });
});

describe("determinism", () => {
  it("gives the same per-pod counts for the same seed and commands", () => {
    const run = () => {
      const { cluster, session } = newSession({ seed: 7 });
      must(session, "kubectl apply -f run-my-nginx.yaml");
      must(session, "kubectl apply -f nginx-svc.yaml");
      cluster.advance(20_000);
      must(session, "sim traffic start t --to my-nginx --rate 333 --burst");
      cluster.advance(30_000);
      return session.run("sim traffic pods").out + session.run("sim traffic").out;
    };
    expect(run()).toBe(run());
  });
});

describe("requests from a container's own processes (busybox wget)", () => {
  function busybox(cluster: ReturnType<typeof newSession>["cluster"], client: Pod, script: string) {
    const container = { name: "load-generator", image: "busybox:1.28", command: ["/bin/sh", "-c", script] };
    const info = lookupImage(container.image)!;
    const program = compileBehaviour(container as never, info, { env: { HOSTNAME: client.metadata.name } });
    return createContainerProcess(container as never, program, { host: cluster.traffic.processHost(client) });
  }

  it("resolves Service names through cluster DNS and reaches a backend (wget -q -O- http://my-nginx)", () => {
    const { cluster, session } = newSession();
    must(session, "kubectl apply -f run-my-nginx.yaml");
    must(session, "kubectl apply -f nginx-svc.yaml");
    cluster.advance(20_000);
    const client = podsOf(cluster, (p) => p.metadata.labels?.run === "my-nginx")[0]!;
    const proc = busybox(cluster, client, "wget -q -O- http://my-nginx; wget -q -O- http://nosuch; nslookup my-nginx");
    const now = cluster.now();
    const effects = [...proc.start(now), ...proc.advance(now + 1_000)];
    const out = effects.filter((e) => e.kind === "log").map((e) => (e as { line: string }).line).join("\n");
    expect(out).toContain("<title>Welcome to nginx!</title>");
    expect(out).toContain("wget: bad address 'nosuch'");
    const svcIP = cluster.store.get("services", "services/default/my-nginx")!.spec.clusterIP;
    expect(out).toContain(`Address: ${svcIP}`);
    expect(cluster.network.stats.serviceByKey("default/my-nginx")?.requests).toBe(1);
  });

  it("turns the HPA walkthrough's wget loop into load on php-apache", () => {
    const { cluster, session } = newSession();
    must(session, "kubectl apply -f php-apache.yaml");
    must(session, "kubectl apply -f run-my-nginx.yaml");
    cluster.advance(30_000);
    const client = podsOf(cluster, (p) => p.metadata.labels?.run === "my-nginx")[0]!;
    const proc = busybox(cluster, client, "while sleep 0.01; do wget -q -O- http://php-apache; done");
    const t0 = cluster.now();
    proc.start(t0);
    for (let t = t0; t <= t0 + 15_000; t += 100) {
      cluster.advance(t - cluster.now());
      proc.advance(t);
    }
    // Each round: sleep 10 ms + a 2 ms round trip → ~83 requests per second.
    const php = cluster.network.stats.podList().find((p) => p.name.startsWith("php-apache-"))!;
    expect(php.requests).toBeGreaterThan(1_150);
    expect(php.requests).toBeLessThan(1_300);
  });
});

describe("NetworkPolicy on the traffic path (network-policy-default-deny-ingress.yaml)", () => {
  it("drops connections to isolated pods: they time out", () => {
    const { cluster, session } = newSession();
    must(session, "kubectl apply -f run-my-nginx.yaml");
    must(session, "kubectl apply -f nginx-svc.yaml");
    cluster.advance(20_000);
    expect(session.run("sim curl http://my-nginx").code).toBe(0);
    must(session, "kubectl apply -f network-policy-default-deny-ingress.yaml");
    cluster.advance(2_000);
    expect(session.run("sim curl -m 5 http://my-nginx")).toEqual({ out: "", err: "curl: (28) Connection timed out after 5001 milliseconds\n", code: 28 });
    must(session, "sim traffic start t --to my-nginx --rate 10");
    cluster.advance(5_000);
    expect(cluster.traffic.generator("t")).toMatchObject({ sent: 50, ok: 0, byError: { timeout: 50 } });
  });
});

describe("terminating endpoints (tutorials/services/pods-and-endpoint-termination-flow.md)", () => {
  it("keeps serving from a terminating pod until its replacement is ready, then moves on", () => {
    const { cluster, session } = newSession();
    // The bootcamp app (node) ignores SIGTERM, so its pod stays Terminating for the 30 s grace period.
    must(session, "kubectl create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1 --port=8080");
    must(session, "kubectl expose deployment kubernetes-bootcamp --port=8080");
    cluster.advance(30_000);
    const old = podsOf(cluster, (p) => p.metadata.labels?.app === "kubernetes-bootcamp")[0]!;
    must(session, "sim traffic start t --to kubernetes-bootcamp --rate 20");
    cluster.advance(2_000);
    must(session, `kubectl delete pod ${old.metadata.name} --wait=false`);
    cluster.advance(1_000);
    // As the tutorial shows: the old endpoint is ready:false, serving:true, terminating:true.
    const slices = cluster.list("endpointslices", "default").filter((s) => s.metadata.labels?.["kubernetes.io/service-name"] === "kubernetes-bootcamp");
    const eps = slices.flatMap((s) => (s as unknown as { endpoints: { targetRef: { name: string }; conditions: unknown }[] }).endpoints);
    expect(eps.find((e) => e.targetRef.name === old.metadata.name)?.conditions).toEqual({ ready: false, serving: true, terminating: true });
    const oldStats = cluster.network.stats.podByUid(old.metadata.uid)!;
    const atDelete = oldStats.requests;
    cluster.advance(3_000);
    // No ready endpoint yet: the serving, terminating one still gets the traffic.
    expect(oldStats.requests).toBeGreaterThan(atDelete);
    cluster.advance(20_000);
    const g = cluster.traffic.generator("t")!;
    expect(g.errors).toBe(0);
    const before = oldStats.requests;
    cluster.advance(5_000);
    // The replacement is ready: the terminating pod gets nothing new.
    expect(oldStats.requests).toBe(before);
    expect(g.errors).toBe(0);
  });
});

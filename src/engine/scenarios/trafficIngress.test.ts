// Ingress through the simulated ingress-nginx (sim ingress enable), following the docs' "Set up Ingress on
// Minikube with the NGINX Ingress Controller" (example-ingress.yaml: host hello-world.example → web:8080)
// and the Ingress concept page's path rules, default backend and IngressClass selection.
import { describe, expect, it } from "vitest";
import { resolveResource } from "../api/registry";
import type { KubeObject } from "../api/types";
import { must, newSession, podsOf } from "../proxy/testing/scenario";

function ingressWithV2(): KubeObject {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name: "example-ingress" },
    spec: {
      ingressClassName: "nginx",
      rules: [
        {
          host: "hello-world.example",
          http: {
            paths: [
              { path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 8080 } } } },
              { path: "/v2", pathType: "Prefix", backend: { service: { name: "web2", port: { number: 8080 } } } },
            ],
          },
        },
      ],
    },
  } as unknown as KubeObject;
}

function setup() {
  const { cluster, session } = newSession();
  expect(must(session, "sim ingress enable")).toBe(
    "namespace/ingress-nginx created\ningressclass.networking.k8s.io/nginx created\nservice/ingress-nginx-controller created\ndeployment.apps/ingress-nginx-controller created\n",
  );
  must(session, "kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0");
  must(session, "kubectl expose deployment web --type=NodePort --port=8080");
  return { cluster, session };
}

describe("Ingress with ingress-nginx (example-ingress.yaml)", () => {
  it("routes hello-world.example to the web Service's pods", () => {
    const { cluster, session } = setup();
    expect(must(session, "kubectl apply -f example-ingress.yaml")).toMatch(/^ingress\.networking\.k8s\.io\/example-ingress created\n/);
    cluster.advance(30_000);
    expect(must(session, "kubectl get ingress")).toMatch(/^NAME\s+CLASS\s+HOSTS\s+ADDRESS\s+PORTS\s+AGE\nexample-ingress\s+nginx\s+hello-world\.example\s+.*80\s+30s\n$/);
    const web = podsOf(cluster, (p) => p.metadata.labels?.app === "web")[0]!;
    const curl = session.run("sim curl http://hello-world.example");
    // hello-app's answer, from the pod behind web (docs: "Hello, world! Version: 1.0.0 Hostname: web-…").
    expect(curl).toEqual({ out: `Hello, world!\nVersion: 1.0.0\nHostname: ${web.metadata.name}\n`, err: "", code: 0 });
    expect(cluster.internalErrors.filter((e) => !e.where.startsWith("service:"))).toEqual([]);
  });

  it("routes /v2 to web2 by the longest prefix, and everything else to web", () => {
    const { cluster, session } = setup();
    must(session, "kubectl create deployment web2 --image=gcr.io/google-samples/hello-app:2.0");
    must(session, "kubectl expose deployment web2 --port=8080 --type=NodePort");
    cluster.api.create("kubectl", ingressWithV2(), "default");
    cluster.advance(30_000);
    expect(session.run("sim curl http://hello-world.example/v2").out).toMatch(/^Hello, world!\nVersion: 2\.0\.0\nHostname: web2-/);
    expect(session.run("sim curl http://hello-world.example/v2/x").out).toContain("Version: 2.0.0");
    expect(session.run("sim curl http://hello-world.example/v2x").out).toContain("Version: 1.0.0");
    expect(session.run("sim curl http://hello-world.example/").out).toContain("Version: 1.0.0");
  });

  it("spreads requests round-robin over the backend's ready pods", () => {
    const { cluster, session } = setup();
    must(session, "kubectl scale deployment web --replicas=3");
    must(session, "kubectl apply -f example-ingress.yaml");
    cluster.advance(30_000);
    must(session, "sim traffic start ing --to http://hello-world.example/ --rate 30");
    cluster.advance(10_000);
    const g = cluster.traffic.generator("ing")!;
    expect(g).toMatchObject({ sent: 300, ok: 300 });
    const counts = cluster.network.stats.podList().filter((p) => p.name.startsWith("web-")).map((p) => p.requests);
    expect(counts).toEqual([100, 100, 100]);
  });

  it("answers 503 when the backend has no ready pod, and nothing for a host it does not serve", () => {
    const { cluster, session } = setup();
    must(session, "kubectl apply -f example-ingress.yaml");
    must(session, "kubectl scale deployment web --replicas=0");
    cluster.advance(30_000);
    const r = session.run("sim curl -f http://hello-world.example/");
    expect(r).toEqual({ out: "", err: "curl: (22) The requested URL returned error: 503\n", code: 22 });
    expect(session.run("sim curl http://hello-world.example/").out).toBe(
      "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
    );
    expect(session.run("sim curl http://other.example/").code).toBe(6);
  });

  it("ignores Ingresses of another class (minimal-ingress.yaml asks for nginx-example)", () => {
    const { cluster, session } = setup();
    must(session, "kubectl apply -f minimal-ingress.yaml");
    must(session, "kubectl apply -f example-ingress.yaml");
    cluster.advance(30_000);
    expect(cluster.network.ingress.handled().map((i) => i.metadata.name)).toEqual(["example-ingress"]);
  });

  it("publishes the controller's load-balancer address as the Ingress ADDRESS", () => {
    const { cluster, session } = setup();
    must(session, "kubectl apply -f example-ingress.yaml");
    cluster.advance(30_000);
    // The cloud provider's result, written as its service controller would.
    cluster.api.patch("kubectl", resolveResource("services")!, "ingress-nginx", "ingress-nginx-controller", (s) => {
      s.status = { loadBalancer: { ingress: [{ ip: "172.18.255.200", ipMode: "VIP" }] } };
    }, "status");
    cluster.advance(5_000);
    expect(must(session, "kubectl get ingress")).toMatch(/\nexample-ingress\s+nginx\s+hello-world\.example\s+172\.18\.255\.200\s+80\s+35s\n$/);
    expect(session.run("sim curl http://172.18.255.200/ -v").err).toContain("*   Trying 172.18.255.200:80...");
  });
});

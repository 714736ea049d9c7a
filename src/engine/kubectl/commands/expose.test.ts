// Expected behaviour and texts from kubectl pkg/cmd/expose/expose.go (createService, RunExpose's errors,
// NamePrinter "exposed") and pkg/polymorphichelpers (canBeExposed "cannot expose a %s",
// mapBasedSelectorForObject's messages, portsForObject).
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { deploymentObject, podObject } from "../util/fixtures";
import { TestCluster } from "../util/testCluster";

function withPorts(d: KubeObject, ports: { containerPort: number; protocol?: string; name?: string }[]): KubeObject {
  (d.spec as { template: { spec: { containers: { ports?: unknown }[] } } }).template.spec.containers[0]!.ports = ports;
  return d;
}

describe("kubectl expose", () => {
  it("creates a Service from a Deployment's selector, labels and port (docs example --port=80 --target-port=8000)", () => {
    const c = new TestCluster();
    c.create(deploymentObject("nginx"));
    expect(c.run("expose deployment nginx --port=80 --target-port=8000")).toEqual({ out: "service/nginx exposed\n", err: "", code: 0 });
    const svc = c.get("services", "default", "nginx")!;
    expect(svc.metadata.labels).toEqual({ app: "nginx" });
    expect(svc.spec.selector).toEqual({ app: "nginx" });
    expect(svc.spec.ports).toEqual([{ port: 80, protocol: "TCP", targetPort: 8000 }]);
  });

  it("copies the container port when --port is not given, targetPort equal to it", () => {
    const c = new TestCluster();
    c.create(withPorts(deploymentObject("web"), [{ containerPort: 8080 }]));
    expect(c.run("expose deploy/web --type=NodePort").out).toBe("service/web exposed\n");
    const svc = c.get("services", "default", "web")!;
    expect(svc.spec.type).toBe("NodePort");
    expect(svc.spec.ports).toEqual([{ port: 8080, protocol: "TCP", targetPort: 8080 }]);
  });

  it("names the ports port-1, port-2 when the object has several, with their protocols", () => {
    const c = new TestCluster();
    c.create(withPorts(deploymentObject("dns"), [{ containerPort: 53, protocol: "UDP" }, { containerPort: 9153 }]));
    c.run("expose deployment dns");
    expect(c.get("services", "default", "dns")!.spec.ports).toEqual([
      { name: "port-1", port: 53, protocol: "UDP", targetPort: 53 },
      { name: "port-2", port: 9153, protocol: "TCP", targetPort: 9153 },
    ]);
  });

  it("exposes a pod by its labels and a Service by its selector, under --name", () => {
    const c = new TestCluster();
    c.create(podObject("valid-pod", { labels: { name: "valid-pod" } }));
    expect(c.run("expose pod valid-pod --port=444 --name=frontend").out).toBe("service/frontend exposed\n");
    expect(c.get("services", "default", "frontend")!.spec.selector).toEqual({ name: "valid-pod" });
    expect(c.run("expose service frontend --port=443 --target-port=8443 --name=nginx-https").out).toBe("service/nginx-https exposed\n");
    expect(c.get("services", "default", "nginx-https")!.spec).toMatchObject({ selector: { name: "valid-pod" }, ports: [{ port: 443, targetPort: 8443, protocol: "TCP" }] });
  });

  it("prints the object without creating it with --dry-run=client -o yaml, and the name with -o name", () => {
    const c = new TestCluster();
    c.create(deploymentObject("nginx"));
    const r = c.run("expose deployment nginx --port=80 --dry-run=client -o yaml");
    expect(r.out).toBe(
      "apiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    app: nginx\n  name: nginx\nspec:\n  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 80\n  selector:\n    app: nginx\n",
    );
    expect(c.get("services", "default", "nginx")).toBeUndefined();
    expect(c.run("expose deployment nginx --port=80 --dry-run=client").out).toBe("service/nginx exposed (dry run)\n");
    expect(c.run("expose deployment nginx --port=80 -o name").out).toBe("service/nginx\n");
  });

  it("refuses what cannot be exposed, with upstream's messages", () => {
    const c = new TestCluster();
    c.create(podObject("bare"));
    c.create(deploymentObject("noports"));
    c.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg", namespace: "default" } } as never);
    expect(c.run("expose pod bare --port=80").err).toBe("error: couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed\n");
    expect(c.run("expose deployment noports").err).toBe("error: couldn't find port via --port flag or introspection\n");
    expect(c.run("expose configmap cfg --port=80").err).toBe("error: cannot expose a ConfigMap\n");
    expect(c.run("expose deployment noports --port=80 --session-affinity=Sticky").err).toBe("error: unknown session affinity: Sticky\n");
    expect(c.run("expose deployment nope --port=80").err).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
  });

  it("refuses a Deployment whose selector uses expressions", () => {
    const c = new TestCluster();
    const d = deploymentObject("expr");
    (d.spec as { selector: unknown }).selector = { matchLabels: { app: "expr" }, matchExpressions: [{ key: "tier", operator: "In", values: ["a", "b"] }] };
    c.create(d);
    expect(c.run("expose deployment expr --port=80").err).toBe(
      'error: couldn\'t retrieve selectors via --selector flag or introspection: couldn\'t convert expressions - "[{Key:tier Operator:In Values:[a b]}]" to map-based selector format\n',
    );
  });

  it("allows a headless Service without ports", () => {
    const c = new TestCluster();
    c.create(deploymentObject("db"));
    expect(c.run("expose deployment db --cluster-ip=None").out).toBe("service/db exposed\n");
    const spec = c.get("services", "default", "db")!.spec;
    expect(spec).toMatchObject({ clusterIP: "None", selector: { app: "db" } });
    expect(spec.ports).toBeUndefined();
  });
});

// Expected texts from kubectl pkg/cmd/autoscale/autoscale.go (v1.34): the "autoscaled" NamePrinter
// operation, Validate's messages and the required --max flag; the object is createHorizontalPodAutoscalerV2.
import { describe, expect, it } from "vitest";
import { deploymentObject } from "../util/fixtures";
import { TestCluster } from "../util/testCluster";

describe("kubectl autoscale", () => {
  it("creates an autoscaling/v2 HPA named after the target (the php-apache walkthrough)", () => {
    const c = new TestCluster();
    c.create(deploymentObject("php-apache"));
    expect(c.run("autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10")).toEqual({ out: "horizontalpodautoscaler.autoscaling/php-apache autoscaled\n", err: "", code: 0 });
    const hpa = c.get("horizontalpodautoscalers", "default", "php-apache")!;
    expect(hpa.apiVersion).toBe("autoscaling/v2");
    expect(hpa.spec).toEqual({
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "php-apache" },
      minReplicas: 1,
      maxReplicas: 10,
      metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 50 } } }],
    });
  });

  it("without --cpu-percent the server defaults to 80% cpu; --name renames", () => {
    const c = new TestCluster();
    c.create(deploymentObject("web"));
    expect(c.run("autoscale deploy/web --max=5 --name=web-hpa").out).toBe("horizontalpodautoscaler.autoscaling/web-hpa autoscaled\n");
    const hpa = c.get("horizontalpodautoscalers", "default", "web-hpa")!;
    expect(hpa.spec.minReplicas).toBe(1);
    expect(hpa.spec.metrics).toEqual([{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } }]);
  });

  it("validates --min/--max and refuses kinds without a scale subresource", () => {
    const c = new TestCluster();
    c.create(deploymentObject("web"));
    expect(c.run("autoscale deployment web").err).toBe('error: required flag(s) "max" not set\n');
    expect(c.run("autoscale deployment web --max=0").err).toBe("error: --max=MAXPODS is required and must be at least 1, max: 0\n");
    expect(c.run("autoscale deployment web --min=5 --max=2").err).toBe("error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 2, min: 5\n");
    expect(c.run("autoscale deployment nope --max=2").err).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    c.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg", namespace: "default" } } as never);
    expect(c.run("autoscale configmap cfg --max=2").err).toBe("error: cannot autoscale a ConfigMap: could not find scale subresource for /v1, Resource=configmaps in discovery information\n");
    expect(c.run("autoscale deployment web --max=3").code).toBe(0);
    expect(c.run("autoscale deployment web --max=3").err).toBe('Error from server (AlreadyExists): horizontalpodautoscalers.autoscaling "web" already exists\n');
  });
});

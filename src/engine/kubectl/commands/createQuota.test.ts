// Expected texts from kubectl pkg/cmd/create/create_quota.go (populateResourceListV1, scopes).
import { describe, expect, it } from "vitest";
import { TestCluster } from "../util/testCluster";

describe("kubectl create quota", () => {
  it("creates hard limits and scopes", () => {
    const c = new TestCluster();
    expect(c.run("create quota my-quota --hard=cpu=1,memory=1G,pods=2,services=3,replicationcontrollers=2,resourcequotas=1,secrets=5,persistentvolumeclaims=10")).toEqual({ out: "resourcequota/my-quota created\n", err: "", code: 0 });
    expect(c.get("resourcequotas", "default", "my-quota")?.spec.hard).toMatchObject({ cpu: "1", memory: "1G", pods: "2" });
    expect(c.run("create quota best-effort --hard=pods=100 --scopes=BestEffort").code).toBe(0);
    expect(c.get("resourcequotas", "default", "best-effort")?.spec).toEqual({ hard: { pods: "100" }, scopes: ["BestEffort"] });
  });

  it("reports bad --hard syntax", () => {
    const c = new TestCluster();
    expect(c.run("create quota q --hard=cpu").err).toBe("error: Invalid argument syntax cpu, expected <resource>=<value>\n");
  });
});

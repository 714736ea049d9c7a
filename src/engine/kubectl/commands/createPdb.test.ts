// kubectl create poddisruptionbudget (kubectl pkg/cmd/create/create_pdb.go): the policy/v1 object and
// the flag validation messages.
import { describe, expect, it } from "vitest";
import { TestCluster } from "../util/testCluster";

const get = (c: TestCluster, resource: string, ns: string | undefined, name: string) => c.get(resource, ns, name) as Record<string, any>;

describe("kubectl create poddisruptionbudget", () => {
  it("creates a policy/v1 budget from a selector and a number or percentage", () => {
    const c = new TestCluster();
    expect(c.run("kubectl create pdb my-pdb --selector=app=rails --min-available=1").out).toBe("poddisruptionbudget.policy/my-pdb created\n");
    expect(get(c, "poddisruptionbudgets", "default", "my-pdb").spec).toEqual({ minAvailable: 1, selector: { matchLabels: { app: "rails" } } });
    c.run("kubectl create poddisruptionbudget my-pdb2 --selector='app=nginx,tier in (web, api)' --max-unavailable=50%");
    expect(get(c, "poddisruptionbudgets", "default", "my-pdb2").spec).toEqual({
      maxUnavailable: "50%",
      selector: { matchLabels: { app: "nginx" }, matchExpressions: [{ key: "tier", operator: "In", values: ["api", "web"] }] },
    });
  });

  it("validates its flags as kubectl does", () => {
    const c = new TestCluster();
    expect(c.run("kubectl create pdb p --min-available=1").err).toBe("error: a selector must be specified\n");
    expect(c.run("kubectl create pdb p --selector=a=b").err).toBe("error: one of min-available or max-unavailable must be specified\n");
    expect(c.run("kubectl create pdb p --selector=a=b --min-available=1 --max-unavailable=1").err).toBe("error: min-available and max-unavailable cannot be both specified\n");
    expect(c.run("kubectl create pdb p --selector=a=b --min-available=10Gb").err).toBe("error: invalid format specified for min-available\n");
    expect(c.run("kubectl create pdb p --selector=a!=b --min-available=1").err).toBe('error: "!=" is not a valid label selector operator\n');
  });
});

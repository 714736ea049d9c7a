// Whatever a learner types, runKubectl answers: no exception escapes, every non-empty stream ends with
// a newline, the exit code is 0 or 1, and no JavaScript error text leaks into the output.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deploymentObject, nodeObject, podObject } from "./util/fixtures";
import { TestCluster } from "./util/testCluster";

const WORDS = [
  "get", "describe", "delete", "apply", "create", "scale", "rollout", "status", "history", "undo", "pause", "resume", "restart",
  "set", "image", "label", "annotate", "cordon", "uncordon", "drain", "version", "api-resources", "cluster-info", "help",
  "pods", "pod", "po", "deploy", "deployment/web", "nodes", "node-1", "web", "nginx", "all", "rs", "events", "ns", "namespace",
  "-n", "kube-system", "-A", "-o", "wide", "yaml", "json", "name", "jsonpath={.metadata.name}", "-l", "app=web", "--all",
  "--replicas=2", "--replicas", "x", "a=b", "a-", "--overwrite", "-f", "pod.yaml", "--force", "--grace-period=0", "--timeout=1s",
  "--to-revision=1", "--ignore-daemonsets", "nginx=nginx:2", "--", "--foo", "-z", "--watch=false", "--show-labels", "deployment",
  "--image=busybox", "--field-selector", "status.phase=Running", "--sort-by=.metadata.name",
];

describe("runKubectl on arbitrary input", () => {
  it("always answers cleanly", () => {
    const c = new TestCluster({ controllers: true });
    c.create(nodeObject("node-1"));
    c.create(deploymentObject("web", { replicas: 2 }), "kubectl");
    c.create(podObject("nginx"));
    c.files.set("pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: filed\nspec:\n  containers:\n  - name: c\n    image: nginx\n");
    c.advance(10_000);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WORDS), { maxLength: 7 }), (argv) => {
        const r = c.run(argv.map((a) => `'${a}'`).join(" "));
        expect([0, 1]).toContain(r.code);
        for (const s of [r.out, r.err]) if (s !== "") expect(s.endsWith("\n")).toBe(true);
        expect(r.err).not.toMatch(/TypeError|ReferenceError|is not a function|Cannot read propert|Internal error occurred/);
      }),
      { numRuns: 400, seed: 7 },
    );
  });
});

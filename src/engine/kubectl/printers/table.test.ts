import { describe, expect, it } from "vitest";
import type { Deployment, KubeObject, ReplicaSet } from "../../api/types";
import { columnsFor } from "./columns/index";
import { buildTable, noResourcesFoundMessage, printGet, printTable, writeTable } from "./table";
import { newKubectlTableWriter } from "./tabwriter";

const NOW = Date.parse("2024-05-01T12:00:00Z");
const ago = (s: number) => new Date(NOW - s * 1000).toISOString();

function deployment(name: string, ready: number, updated: number, available: number, ageS: number, labels?: Record<string, string>): Deployment {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "default", uid: name, resourceVersion: "1", creationTimestamp: ago(ageS), ...(labels ? { labels } : {}) },
    spec: { replicas: 3, selector: { matchLabels: { app: "nginx" } }, template: { spec: { containers: [{ name: "nginx", image: "nginx:1.14.2" }] } } },
    status: { readyReplicas: ready, updatedReplicas: updated, availableReplicas: available },
  };
}

describe("kubectl get table layout (oracle 1: concepts/workloads/controllers/deployment.md)", () => {
  it("right after apply", () => {
    const t = buildTable(columnsFor("deployments"), [deployment("nginx-deployment", 0, 0, 0, 1)], NOW);
    expect(printTable(t)).toBe("NAME               READY   UP-TO-DATE   AVAILABLE   AGE\nnginx-deployment   0/3     0            0           1s\n");
  });
  it("a few seconds later", () => {
    const t = buildTable(columnsFor("deployments"), [deployment("nginx-deployment", 3, 3, 3, 18)], NOW);
    expect(printTable(t)).toBe("NAME               READY   UP-TO-DATE   AVAILABLE   AGE\nnginx-deployment   3/3     3            3           18s\n");
  });
  it("kubectl get rs", () => {
    const rs: ReplicaSet = {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: { name: "nginx-deployment-75675f5897", namespace: "default", uid: "u", resourceVersion: "1", creationTimestamp: ago(18) },
      spec: { replicas: 3, selector: {}, template: { spec: { containers: [] } } },
      status: { replicas: 3, readyReplicas: 3 },
    };
    expect(printTable(buildTable(columnsFor("rs"), [rs], NOW))).toBe(
      "NAME                          DESIRED   CURRENT   READY   AGE\nnginx-deployment-75675f5897   3         3         3       18s\n",
    );
  });
});

describe("decorations (cli-runtime tableprinter.go decorateTable)", () => {
  const d = deployment("web", 1, 1, 1, 5, { app: "web", "app.kubernetes.io/name": "web" });
  const t = buildTable(columnsFor("deployments"), [d], NOW);
  it("-o wide keeps the priority-1 columns", () => {
    expect(printTable(t, { wide: true })).toBe(
      "NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES         SELECTOR\n" + "web    1/3     1            1           5s    nginx        nginx:1.14.2   app=nginx\n",
    );
  });
  it("-A puts NAMESPACE first; --show-labels puts sorted labels last", () => {
    expect(printTable(t, { withNamespace: true, showLabels: true })).toBe(
      "NAMESPACE   NAME   READY   UP-TO-DATE   AVAILABLE   AGE   LABELS\n" + "default     web    1/3     1            1           5s    app.kubernetes.io/name=web,app=web\n",
    );
  });
  it("-L adds a column named after the key's last segment, empty when unset", () => {
    expect(printTable(t, { labelColumns: ["app.kubernetes.io/name", "tier"] })).toBe(
      "NAME   READY   UP-TO-DATE   AVAILABLE   AGE   NAME   TIER\n" + "web    1/3     1            1           5s    web    \n",
    );
  });
  it("--no-headers and the kind prefix of multi-type output", () => {
    expect(printTable(t, { noHeaders: true, kind: "deployment.apps" })).toBe("deployment.apps/web   1/3   1     1     5s\n");
  });
  it("labels are <none> when there are none", () => {
    const bare = buildTable(columnsFor("deployments"), [deployment("bare", 0, 0, 0, 1)], NOW);
    expect(printTable(bare, { showLabels: true }).split("\n")[1]).toMatch(/<none>$/);
  });
  it("an empty table prints nothing, not even headers", () => {
    expect(printTable(buildTable(columnsFor("pods"), [], NOW))).toBe("");
  });
  it("a string cell is cut at its first line break with ...", () => {
    const ev = { apiVersion: "v1", kind: "Event", metadata: { name: "e", uid: "e", resourceVersion: "1", creationTimestamp: "" }, involvedObject: { kind: "Pod", name: "p" }, reason: "R", message: "line one\nline two", type: "Normal", count: 1, firstTimestamp: ago(1), lastTimestamp: ago(1), source: { component: "x" } } as KubeObject;
    expect(printTable(buildTable(columnsFor("events"), [ev], NOW)).split("\n")[1]).toMatch(/line one\.\.\.$/);
  });
  it("one writer shared by two tables keeps the first table's column widths (RememberWidths)", () => {
    const w = newKubectlTableWriter();
    writeTable(w, buildTable(columnsFor("deployments"), [deployment("a-very-long-deployment-name", 1, 1, 1, 5)], NOW), { kind: "deployment.apps" });
    w.write("\n");
    writeTable(w, buildTable(columnsFor("namespaces"), [{ apiVersion: "v1", kind: "Namespace", metadata: { name: "ns", uid: "n", resourceVersion: "1", creationTimestamp: ago(5) }, status: { phase: "Active" } } as KubeObject], NOW), { kind: "namespace" });
    const lines = w.toString().split("\n");
    expect(lines[4]).toBe("namespace/ns                                  Active   5s");
  });
});

describe("No resources found (kubectl pkg/cmd/get/get.go)", () => {
  it("names the namespace for namespaced kinds without -A", () => {
    expect(noResourcesFoundMessage("default")).toBe("No resources found in default namespace.\n");
  });
  it("is bare for cluster-scoped kinds and -A", () => {
    expect(noResourcesFoundMessage()).toBe("No resources found\n");
  });
  it("goes to stderr with an empty stdout from printGet", () => {
    expect(printGet(columnsFor("pods"), [], NOW, { namespace: "default" })).toEqual({ stdout: "", stderr: "No resources found in default namespace.\n" });
    expect(printGet(columnsFor("nodes"), [], NOW)).toEqual({ stdout: "", stderr: "No resources found\n" });
  });
});

// Expected texts from kubectl pkg/cmd/create/create_priorityclass.go and the Priority admission plugin
// (k/k plugin/pkg/admission/priority/admission.go: only one globalDefault class).
import { describe, expect, it } from "vitest";
import { Cluster } from "../../sim/cluster";
import { defaultClusterConfig } from "../../sim/clusterConfig";
import { Session } from "../../sim/session";

describe("kubectl create priorityclass", () => {
  it("creates a class; a second globalDefault is refused; pods take the default's value", () => {
    const s = new Session(new Cluster(defaultClusterConfig({ seed: 1, workers: 1 })));
    expect(s.run('kubectl create priorityclass high-priority --value=1000 --description="high priority"').out).toBe("priorityclass.scheduling.k8s.io/high-priority created\n");
    expect(s.run("kubectl create priorityclass default-priority --value=1000 --global-default=true").code).toBe(0);
    expect(s.run("kubectl create priorityclass other --value=5 --global-default=true").err).toBe(
      'Error from server (Forbidden): priorityclasses.scheduling.k8s.io "other" is forbidden: PriorityClass default-priority is already marked as default. Only one default can exist\n',
    );
    const pc = s.cluster.store.get("priorityclasses", "priorityclasses/high-priority")!;
    expect(pc).toMatchObject({ value: 1000, description: "high priority", preemptionPolicy: "PreemptLowerPriority", globalDefault: false });
    s.run("kubectl create deployment web --image=nginx");
    s.cluster.advance(5_000);
    const pod = s.cluster.list("pods", "default")[0]!;
    expect(pod.spec.priorityClassName).toBe("default-priority");
    expect(pod.spec.priority).toBe(1000);
  });

  it("lists the two built-in system classes", () => {
    const s = new Session(new Cluster(defaultClusterConfig({ seed: 1, workers: 1 })));
    const out = s.run("kubectl get priorityclasses").out.split("\n");
    expect(out[0]).toMatch(/^NAME\s+VALUE\s+GLOBAL-DEFAULT\s+AGE/);
    expect(out.slice(1, 3).map((l) => l.split(/\s+/).slice(0, 3))).toEqual([
      ["system-cluster-critical", "2000000000", "false"],
      ["system-node-critical", "2000001000", "false"],
    ]);
  });
});

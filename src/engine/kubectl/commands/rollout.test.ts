// kubectl rollout against a cluster running the Deployment and ReplicaSet controllers. Expected texts:
// rollout_status.go / polymorphichelpers (status lines), rollback.go ("rolled back", the paused error,
// "unable to find specified revision"), objectpauser.go / objectresumer.go / objectrestarter.go, and
// history.go (REVISION CHANGE-CAUSE table, "<none>", tabbedString 0/8/2).
import { describe, expect, it } from "vitest";
import { deploymentObject } from "../util/fixtures";
import { TestCluster } from "../util/testCluster";

function deployed(): TestCluster {
  const c = new TestCluster({ controllers: true });
  c.create(deploymentObject("nginx-deployment", { replicas: 3 }), "kubectl");
  c.advance(10_000);
  return c;
}

describe("kubectl rollout status", () => {
  it("waits, printing a line per change, until the rollout is done", () => {
    const c = deployed();
    c.run("set image deployment/nginx-deployment nginx=nginx:1.16.1");
    const t0 = c.clock.now();
    const r = c.run("rollout status deployment/nginx-deployment");
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split("\n");
    expect(lines[lines.length - 1]).toBe('deployment "nginx-deployment" successfully rolled out');
    expect(lines).toContain('Waiting for deployment "nginx-deployment" rollout to finish: 1 out of 3 new replicas have been updated...');
    expect(lines).toContain('Waiting for deployment "nginx-deployment" rollout to finish: 1 old replicas are pending termination...');
    expect(c.clock.now()).toBeGreaterThan(t0);
    expect(c.run("rollout status deployment/nginx-deployment")).toEqual({ out: 'deployment "nginx-deployment" successfully rolled out\n', err: "", code: 0 });
  });

  it("prints once with --watch=false, and times out with kubectl's error", () => {
    const c = deployed();
    c.run("rollout pause deployment/nginx-deployment");
    c.run("set image deployment/nginx-deployment nginx=nginx:1.16.1");
    c.advance(1000);
    expect(c.run("rollout status deployment/nginx-deployment --watch=false").out).toBe(
      'Waiting for deployment "nginx-deployment" rollout to finish: 0 out of 3 new replicas have been updated...\n',
    );
    const r = c.run("rollout status deploy/nginx-deployment --timeout=5s");
    expect(r.err).toBe("error: timed out waiting for the condition\n");
    expect(r.code).toBe(1);
  });

  it("refuses what it cannot follow", () => {
    const c = deployed();
    expect(c.run("rollout status").err).toBe("error: required resource not specified\n");
    expect(c.run("rollout status deployment/nope").err).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(c.run("rollout status deployment/nginx-deployment --revision=-1").err).toBe("error: revision must be a positive integer: -1\n");
    expect(c.run("rollout status deployment/nginx-deployment --revision=5").err).toBe("error: desired revision (5) is different from the running revision (1)\n");
  });
});

describe("kubectl rollout history / undo", () => {
  it("lists revisions, shows one, and rolls back to the previous one", () => {
    const c = deployed();
    c.run("set image deployment/nginx-deployment nginx=nginx:1.16.1");
    c.advance(30_000);
    expect(c.run("rollout history deployment/nginx-deployment")).toEqual({
      out: "deployment.apps/nginx-deployment \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n",
      err: "",
      code: 0,
    });
    const one = c.run("rollout history deployment/nginx-deployment --revision=1").out;
    expect(one.startsWith("deployment.apps/nginx-deployment with revision #1\nPod Template:\n")).toBe(true);
    expect(one).toContain("    Image:\tnginx:1.14.2\n");
    expect(c.run("rollout history deployment/nginx-deployment --revision=9").err).toBe("error: unable to find the specified revision\n");

    expect(c.run("rollout undo deployment/nginx-deployment")).toEqual({ out: "deployment.apps/nginx-deployment rolled back\n", err: "", code: 0 });
    expect(c.get("deployments", "default", "nginx-deployment")?.spec.template.spec.containers[0].image).toBe("nginx:1.14.2");
    expect(c.get("deployments", "default", "nginx-deployment")?.spec.template.metadata.labels).toEqual({ app: "nginx-deployment" });
    c.advance(30_000);
    // The controller renumbers the reused ReplicaSet: revision 1 becomes 3.
    expect(c.run("rollout history deployment/nginx-deployment").out).toBe("deployment.apps/nginx-deployment \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n");
    expect(c.run("rollout undo deployment/nginx-deployment --to-revision=7").err).toBe("error: unable to find specified revision 7 in history\n");
  });

  it("shows the change-cause the controller copies from the Deployment", () => {
    const c = deployed();
    c.run("set image deployment/nginx-deployment nginx=nginx:1.16.1");
    c.run('annotate deployment/nginx-deployment kubernetes.io/change-cause="image updated to 1.16.1"');
    c.advance(30_000);
    expect(c.run("rollout history deployment/nginx-deployment").out).toBe(
      "deployment.apps/nginx-deployment \nREVISION  CHANGE-CAUSE\n1         <none>\n2         image updated to 1.16.1\n\n",
    );
  });

  it("has nothing to undo for a first revision, and refuses a paused deployment", () => {
    const c = deployed();
    expect(c.run("rollout undo deployment/nginx-deployment").err).toBe('error: no rollout history found for deployment "nginx-deployment"\n');
    c.run("set image deployment/nginx-deployment nginx=nginx:1.16.1");
    c.advance(30_000);
    c.run("rollout pause deployment/nginx-deployment");
    expect(c.run("rollout undo deployment/nginx-deployment").err).toBe(
      "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/nginx-deployment' and try again\n",
    );
  });
});

describe("kubectl rollout pause / resume / restart", () => {
  it("pauses and resumes once", () => {
    const c = deployed();
    expect(c.run("rollout pause deployment/nginx-deployment").out).toBe("deployment.apps/nginx-deployment paused\n");
    expect(c.run("rollout pause deployment/nginx-deployment")).toEqual({ out: "", err: 'error: deployments.apps "nginx-deployment" is already paused\n', code: 1 });
    expect(c.run("rollout restart deployment/nginx-deployment").err).toBe(
      "error: deployments.apps \"nginx-deployment\" can't restart paused deployment (run rollout resume first)\n",
    );
    expect(c.run("rollout resume deployment/nginx-deployment").out).toBe("deployment.apps/nginx-deployment resumed\n");
    expect(c.run("rollout resume deployment/nginx-deployment").err).toBe('error: deployments.apps "nginx-deployment" is not paused\n');
  });

  it("restarts by stamping the pod template with the time", () => {
    const c = deployed();
    expect(c.run("rollout restart deployment/nginx-deployment").out).toBe("deployment.apps/nginx-deployment restarted\n");
    const stamp = c.get("deployments", "default", "nginx-deployment")?.spec.template.metadata.annotations["kubectl.kubernetes.io/restartedAt"];
    expect(stamp).toBe(new Date(c.clock.absolute() - (c.clock.absolute() % 1000)).toISOString().replace(".000Z", "Z"));
    c.advance(30_000);
    expect(c.list("replicasets", "default")).toHaveLength(2);
  });

  it("is a parent command", () => {
    const c = deployed();
    const r = c.run("rollout");
    expect(r.code).toBe(1);
    expect(r.err.startsWith("Manage the rollout of a resource\n")).toBe(true);
    expect(c.run("rollout foo").err).toBe("error: unknown command \"foo\"\nSee 'kubectl rollout -h' for help and examples\n");
  });
});

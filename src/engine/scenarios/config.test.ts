// ConfigMaps and Secrets consumed by pods, from the docs (configure-pod-configmap.md,
// distribute-credentials-secure.md, concepts/configuration/secret.md) on the whole simulated cluster.
// Manifests are copies under fixtures/config; logs come from long-running variants of the docs' pods
// (the container model keeps a container's log only while it runs).
import { describe, expect, it } from "vitest";
import type { KubeEvent, KubeObject, Pod } from "../api/types";
import { ApiError } from "../apiserver/errors";
import { events, fixture, fixtures, newCluster } from "./testCluster";

type C = ReturnType<typeof newCluster>;

function pod(c: C, name: string, ns = "default"): Pod {
  return c.store.get("pods", `pods/${ns}/${name}`) as Pod;
}

function logs(c: C, name: string, container: string): readonly string[] {
  const p = pod(c, name);
  return c.kubeletOf(p.spec.nodeName!).worker("default", name)?.logs(container) ?? [];
}

function withCommand(file: string, command: string[]): KubeObject {
  const p = fixture(`config/${file}`) as Pod;
  p.spec.containers[0]!.command = command;
  delete p.spec.restartPolicy;
  return p;
}

function waiting(c: C, name: string) {
  return pod(c, name).status?.containerStatuses?.[0]?.state.waiting;
}

describe("ConfigMap as environment variables", () => {
  it("envFrom gives every key (pod-configmap-envFrom.yaml → SPECIAL_LEVEL=very, SPECIAL_TYPE=charm)", () => {
    const c = newCluster();
    c.api.create("kubectl", fixture("config/configmap-multikeys.yaml"));
    c.api.create("kubectl", withCommand("pod-configmap-envFrom.yaml", ["/bin/sh", "-c", "env; sleep 3600"]));
    c.advance(30_000);
    expect(pod(c, "dapi-test-pod").status?.phase).toBe("Running");
    const out = logs(c, "dapi-test-pod", "test-container");
    expect(out).toContain("SPECIAL_LEVEL=very");
    expect(out).toContain("SPECIAL_TYPE=charm");
    expect(c.internalErrors).toEqual([]);
  });

  it("configMapKeyRef values expand in the command (pod-configmap-env-var-valueFrom.yaml prints `very charm`)", () => {
    const c = newCluster();
    c.api.create("kubectl", fixture("config/configmap-multikeys.yaml"));
    const p = fixture("config/pod-configmap-env-var-valueFrom.yaml") as Pod;
    p.spec.containers[0]!.command = ["/bin/sh", "-c", "echo $(SPECIAL_LEVEL_KEY) $(SPECIAL_TYPE_KEY); sleep 3600"];
    c.api.create("kubectl", p);
    c.advance(30_000);
    expect(logs(c, "dapi-test-pod", "test-container")).toContain("very charm");
    // The docs' own pod runs /bin/echo once and completes.
    const d = newCluster();
    d.api.create("kubectl", fixture("config/configmap-multikeys.yaml"));
    d.api.create("kubectl", fixture("config/pod-configmap-env-var-valueFrom.yaml"));
    d.advance(60_000);
    expect(pod(d, "dapi-test-pod").status?.phase).toBe("Succeeded");
  });

  it("a missing ConfigMap: CreateContainerConfigError until it is created, then the pod starts", () => {
    const c = newCluster();
    c.api.create("kubectl", withCommand("pod-configmap-envFrom.yaml", ["/bin/sh", "-c", "env; sleep 3600"]));
    c.advance(30_000);
    expect(pod(c, "dapi-test-pod").status?.phase).toBe("Pending");
    expect(waiting(c, "dapi-test-pod")).toEqual({ reason: "CreateContainerConfigError", message: 'configmap "special-config" not found' });
    const failed = events(c).filter((e: KubeEvent) => e.reason === "Failed" && e.involvedObject.name === "dapi-test-pod");
    expect(failed.map((e) => [e.type, e.message, e.source.component])).toEqual([["Warning", 'Error: configmap "special-config" not found', "kubelet"]]);
    // Retried every 10s (the pod worker's back-off): the same event, counted.
    expect(failed[0]!.count).toBeGreaterThanOrEqual(2);
    c.api.create("kubectl", fixture("config/configmap-multikeys.yaml"));
    c.advance(11_000);
    expect(pod(c, "dapi-test-pod").status?.phase).toBe("Running");
    expect(logs(c, "dapi-test-pod", "test-container")).toContain("SPECIAL_TYPE=charm");
  });

  it("a missing key: couldn't find key … in ConfigMap; optional references are skipped", () => {
    const c = newCluster();
    c.api.create("kubectl", fixture("config/configmap-multikeys.yaml"));
    const p = fixture("config/pod-configmap-env-var-valueFrom.yaml") as Pod;
    p.spec.containers[0]!.env![1]!.valueFrom = { configMapKeyRef: { name: "special-config", key: "nope" } };
    c.api.create("kubectl", p);
    c.advance(20_000);
    expect(waiting(c, "dapi-test-pod")).toEqual({ reason: "CreateContainerConfigError", message: "couldn't find key nope in ConfigMap default/special-config" });
    const q = fixture("config/pod-configmap-env-var-valueFrom.yaml") as Pod;
    q.metadata.name = "optional";
    q.spec.containers[0]!.env![1]!.valueFrom = { configMapKeyRef: { name: "special-config", key: "nope", optional: true } };
    q.spec.containers[0]!.command = ["/bin/sh", "-c", "env; sleep 3600"];
    c.api.create("kubectl", q);
    c.advance(20_000);
    expect(pod(c, "optional").status?.phase).toBe("Running");
    const env = logs(c, "optional", "test-container");
    expect(env).toContain("SPECIAL_LEVEL_KEY=very");
    expect(env.some((l) => l.startsWith("SPECIAL_TYPE_KEY="))).toBe(false);
  });
});

describe("ConfigMap and Secret volumes", () => {
  it("mounts every key as a file (pod-configmap-volume.yaml: ls /etc/config/ → SPECIAL_LEVEL SPECIAL_TYPE)", () => {
    const c = newCluster();
    c.api.create("kubectl", fixture("config/configmap-multikeys.yaml"));
    c.api.create("kubectl", withCommand("pod-configmap-volume.yaml", ["/bin/sh", "-c", "ls /etc/config/; cat /etc/config/SPECIAL_LEVEL; echo; sleep 3600"]));
    c.advance(30_000);
    const out = logs(c, "dapi-test-pod", "test-container");
    expect(out.slice(0, 3)).toEqual(["SPECIAL_LEVEL", "SPECIAL_TYPE", "very"]);
  });

  it("a missing ConfigMap: FailedMount with backoff, then the pod starts once it appears", () => {
    const c = newCluster();
    c.api.create("kubectl", withCommand("pod-configmap-volume.yaml", ["/bin/sh", "-c", "ls /etc/config/; sleep 3600"]));
    c.advance(20_000);
    const p = pod(c, "dapi-test-pod");
    expect(p.status?.phase).toBe("Pending");
    expect(waiting(c, "dapi-test-pod")?.reason).toBe("ContainerCreating");
    const mounts = events(c).filter((e) => e.reason === "FailedMount");
    expect(mounts.map((e) => [e.type, e.message])).toEqual([["Warning", 'MountVolume.SetUp failed for volume "config-volume" : configmap "special-config" not found']]);
    // 0.5s, 1s, 2s, 4s, 8s: attempts at 0, 0.5, 1.5, 3.5, 7.5, 15.5 s.
    expect(mounts[0]!.count).toBe(6);
    c.api.create("kubectl", fixture("config/configmap-multikeys.yaml"));
    // The next retry is 16 s after the last one.
    c.advance(20_000);
    expect(pod(c, "dapi-test-pod").status?.phase).toBe("Running");
    expect(logs(c, "dapi-test-pod", "test-container")).toEqual(["SPECIAL_LEVEL", "SPECIAL_TYPE"]);
  });

  it("items project one key to a path; a missing key is a SetUp error", () => {
    const c = newCluster();
    c.api.create("kubectl", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "special-config" }, data: { "special.level": "very" } } as unknown as KubeObject);
    c.api.create("kubectl", withCommand("pod-configmap-volume-specific-key.yaml", ["/bin/sh", "-c", "cat /etc/config/keys; echo; sleep 3600"]));
    c.advance(30_000);
    expect(logs(c, "dapi-test-pod", "test-container")).toContain("very");
    const bad = withCommand("pod-configmap-volume-specific-key.yaml", ["sleep", "3600"]) as Pod;
    bad.metadata.name = "bad";
    (bad.spec.volumes![0]!.configMap as { items: { key: string; path: string }[] }).items[0]!.key = "absent";
    c.api.create("kubectl", bad);
    c.advance(5_000);
    expect(events(c).find((e) => e.involvedObject.name === "bad" && e.reason === "FailedMount")?.message).toBe(
      'MountVolume.SetUp failed for volume "config-volume" : configmap references non-existent config key: absent',
    );
  });

  it("secret volumes carry the decoded values; an optional missing secret mounts empty", () => {
    const c = newCluster();
    c.api.create("kubectl", fixture("config/secret.yaml"));
    const p = fixture("config/secret-pod.yaml") as Pod;
    p.spec.containers[0]!.image = "busybox";
    p.spec.containers[0]!.command = ["/bin/sh", "-c", "cat /etc/secret-volume/username; echo; cat /etc/secret-volume/password; echo; sleep 3600"];
    c.api.create("kubectl", p);
    c.api.create("kubectl", fixture("config/optional-secret.yaml"));
    c.advance(40_000);
    // distribute-credentials-secure.md: username my-app, password 39528$vdg7Jb.
    expect(logs(c, "secret-test-pod", "test-container").slice(0, 2)).toEqual(["my-app", "39528$vdg7Jb"]);
    expect(pod(c, "mypod").status?.phase).toBe("Running");
    expect(c.kubeletOf(pod(c, "secret-test-pod").spec.nodeName!).configVolumes.modesOf(pod(c, "secret-test-pod").metadata.uid, "secret-volume")?.get("username")).toBe(0o644);
  });

  it("updates reach a mounted ConfigMap at the kubelet's next sync", () => {
    const c = newCluster();
    c.api.create("kubectl", fixture("config/configmap-multikeys.yaml"));
    c.api.create("kubectl", withCommand("pod-configmap-volume.yaml", ["sleep", "3600"]));
    c.advance(30_000);
    const cm = c.store.get("configmaps", "configmaps/default/special-config")!;
    c.api.update("kubectl", { ...cm, data: { SPECIAL_LEVEL: "extremely", SPECIAL_TYPE: "charm" } } as KubeObject);
    c.advance(61_000);
    const node = pod(c, "dapi-test-pod").spec.nodeName!;
    const w = c.kubeletOf(node).worker("default", "dapi-test-pod")!;
    expect(w.volumes.get("config-volume")?.files.get("SPECIAL_LEVEL")).toBe("extremely");
  });
});

describe("Secrets and ConfigMaps as API objects", () => {
  it("stringData is merged into data as base64 and never stored", () => {
    const c = newCluster();
    const s = c.api.create("kubectl", { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, data: { a: "YWRtaW4=" }, stringData: { b: "1f2d1e2e67df", a: "override" } } as unknown as KubeObject);
    expect(s.stringData).toBeUndefined();
    expect(s.data).toEqual({ a: "b3ZlcnJpZGU=", b: "MWYyZDFlMmU2N2Rm" });
    expect(s.type).toBe("Opaque");
  });

  it("an immutable ConfigMap refuses data changes with the upstream message", () => {
    const c = newCluster();
    const cm = c.api.create("kubectl", fixture("config/immutable-configmap.yaml"));
    let err: ApiError | undefined;
    try {
      c.api.update("kubectl", { ...cm, data: { company_name: "Fiction Corp" } } as KubeObject);
    } catch (e) {
      err = e as ApiError;
    }
    // kubectl prints a 422 as "The <Kind> "<name>" is invalid: …".
    expect(err?.toKubectl()).toBe('The ConfigMap "company-name-20150801" is invalid: data: Forbidden: field is immutable when `immutable` is set');
  });

  it("dotfile-secret.yaml: a key starting with a dot is a hidden file", () => {
    const c = newCluster();
    for (const o of fixtures("config/dotfile-secret.yaml")) c.api.create("kubectl", o);
    c.advance(30_000);
    const p = pod(c, "secret-dotfiles-pod");
    expect(["Running", "Succeeded"]).toContain(p.status?.phase);
  });
});

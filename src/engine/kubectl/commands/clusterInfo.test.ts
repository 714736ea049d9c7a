// kubectl cluster-info (kubectl pkg/cmd/clusterinfo/clusterinfo.go) on a kind cluster:
//   Kubernetes control plane is running at https://127.0.0.1:6443
//   CoreDNS is running at https://127.0.0.1:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { TestCluster } from "../util/testCluster";

describe("kubectl cluster-info", () => {
  it("names the control plane and the cluster services", () => {
    const c = new TestCluster();
    c.create({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "kube-dns", namespace: "kube-system", labels: { "k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS" } },
      spec: { ports: [{ name: "dns", port: 53, protocol: "UDP" }, { name: "dns-tcp", port: 53, protocol: "TCP" }] },
    } as unknown as KubeObject);
    expect(c.run("cluster-info")).toEqual({
      out:
        "Kubernetes control plane is running at https://127.0.0.1:6443\n" +
        "CoreDNS is running at https://127.0.0.1:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n" +
        "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
      err: "",
      code: 0,
    });
  });
});

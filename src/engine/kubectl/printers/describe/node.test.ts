// Expected strings come from upstream kubectl pkg/describe/describe_test.go and from real
// `kubectl describe` output; see each test's comment.
import { describe, expect, it } from "vitest";
import type { KubeEvent, Lease, Node, Pod } from "../../../api/types";
import { describeNode } from "./index";

const NOW = Date.UTC(2026, 7, 11, 6, 55, 31);

function event(e: Record<string, unknown>): KubeEvent {
  return { apiVersion: "v1", kind: "Event", metadata: { name: "e", namespace: "foo" }, ...e } as unknown as KubeEvent;
}

describe("describeNode", () => {
  // Real `kubectl describe node minikube-m02` output (kubectl 1.32, minikube v1.38.1), with the
  // +0530 timestamps rewritten to the same instants in UTC (same width, so the alignment is unchanged).
  it("matches real kubectl output", () => {
    const node = {
      apiVersion: "v1",
      kind: "Node",
      metadata: {
        name: "minikube-m02",
        creationTimestamp: "2026-08-11T06:51:42Z",
        labels: {
          "beta.kubernetes.io/arch": "arm64",
          "beta.kubernetes.io/os": "linux",
          "kubernetes.io/arch": "arm64",
          "kubernetes.io/hostname": "minikube-m02",
          "kubernetes.io/os": "linux",
          "minikube.k8s.io/commit": "c93a4cb9311efc66b90d33ea03f75f2c4120e9b0",
          "minikube.k8s.io/name": "minikube",
          "minikube.k8s.io/primary": "false",
          "minikube.k8s.io/updated_at": "2026_08_11T12_21_42_0700",
          "minikube.k8s.io/version": "v1.38.1",
        },
        annotations: { "node.alpha.kubernetes.io/ttl": "0", "volumes.kubernetes.io/controller-managed-attach-detach": "true" },
      },
      spec: {
        podCIDR: "10.244.1.0/24",
        podCIDRs: ["10.244.1.0/24"],
        taints: [
          { key: "node.kubernetes.io/not-ready", effect: "NoExecute" },
          { key: "node.kubernetes.io/not-ready", effect: "NoSchedule" },
        ],
      },
      status: {
        conditions: [
          ["MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"],
          ["DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"],
          ["PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"],
          ["Ready", "False", "KubeletNotReady", "container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:docker: network plugin is not ready: cni config uninitialized"],
        ].map(([type, status, reason, message]) => ({ type, status, reason, message, lastHeartbeatTime: "2026-08-11T06:51:52Z", lastTransitionTime: "2026-08-11T06:51:42Z" })),
        addresses: [
          { type: "InternalIP", address: "192.168.49.3" },
          { type: "Hostname", address: "minikube-m02" },
        ],
        capacity: { cpu: "10", "ephemeral-storage": "474095688Ki", "hugepages-1Gi": "0", "hugepages-2Mi": "0", "hugepages-32Mi": "0", "hugepages-64Ki": "0", memory: "8025424Ki", pods: "110" },
        allocatable: { cpu: "10", "ephemeral-storage": "474095688Ki", "hugepages-1Gi": "0", "hugepages-2Mi": "0", "hugepages-32Mi": "0", "hugepages-64Ki": "0", memory: "8025424Ki", pods: "110" },
        nodeInfo: {
          machineID: "e366bd4b77b9d6be2d67552f69964f40",
          systemUUID: "e366bd4b77b9d6be2d67552f69964f40",
          bootID: "17c425b7-c9b6-428b-94ec-0f4af7afcb59",
          kernelVersion: "6.10.14-linuxkit",
          osImage: "Debian GNU/Linux 12 (bookworm)",
          operatingSystem: "linux",
          architecture: "arm64",
          containerRuntimeVersion: "docker://29.2.1",
          kubeletVersion: "v1.35.1",
          kubeProxyVersion: "",
        },
      },
    } as unknown as Node;
    const lease = { apiVersion: "coordination.k8s.io/v1", kind: "Lease", metadata: { name: "minikube-m02", namespace: "kube-node-lease" }, spec: { holderIdentity: "minikube-m02", renewTime: "2026-08-11T06:55:25.000000Z" } } as Lease;
    const proxy = { apiVersion: "v1", kind: "Pod", metadata: { name: "kube-proxy-552wp", namespace: "kube-system", creationTimestamp: "2026-08-11T06:51:42Z" }, spec: { containers: [{ name: "kube-proxy", image: "k" }] } } as unknown as Pod;
    const registered = event({
      type: "Normal",
      reason: "RegisteredNode",
      message: "Node minikube-m02 event: Registered Node minikube-m02 in Controller",
      source: { component: "node-controller" },
      firstTimestamp: "2026-08-11T06:51:46Z",
      lastTimestamp: "2026-08-11T06:51:46Z",
      count: 1,
    });
    const want = `Name:               minikube-m02
Roles:              <none>
Labels:             beta.kubernetes.io/arch=arm64
                    beta.kubernetes.io/os=linux
                    kubernetes.io/arch=arm64
                    kubernetes.io/hostname=minikube-m02
                    kubernetes.io/os=linux
                    minikube.k8s.io/commit=c93a4cb9311efc66b90d33ea03f75f2c4120e9b0
                    minikube.k8s.io/name=minikube
                    minikube.k8s.io/primary=false
                    minikube.k8s.io/updated_at=2026_08_11T12_21_42_0700
                    minikube.k8s.io/version=v1.38.1
Annotations:        node.alpha.kubernetes.io/ttl: 0
                    volumes.kubernetes.io/controller-managed-attach-detach: true
CreationTimestamp:  Tue, 11 Aug 2026 06:51:42 +0000
Taints:             node.kubernetes.io/not-ready:NoExecute
                    node.kubernetes.io/not-ready:NoSchedule
Unschedulable:      false
Lease:
  HolderIdentity:  minikube-m02
  AcquireTime:     <unset>
  RenewTime:       Tue, 11 Aug 2026 06:55:25 +0000
Conditions:
  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message
  ----             ------  -----------------                 ------------------                ------                       -------
  MemoryPressure   False   Tue, 11 Aug 2026 06:51:52 +0000   Tue, 11 Aug 2026 06:51:42 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available
  DiskPressure     False   Tue, 11 Aug 2026 06:51:52 +0000   Tue, 11 Aug 2026 06:51:42 +0000   KubeletHasNoDiskPressure     kubelet has no disk pressure
  PIDPressure      False   Tue, 11 Aug 2026 06:51:52 +0000   Tue, 11 Aug 2026 06:51:42 +0000   KubeletHasSufficientPID      kubelet has sufficient PID available
  Ready            False   Tue, 11 Aug 2026 06:51:52 +0000   Tue, 11 Aug 2026 06:51:42 +0000   KubeletNotReady              container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:docker: network plugin is not ready: cni config uninitialized
Addresses:
  InternalIP:  192.168.49.3
  Hostname:    minikube-m02
Capacity:
  cpu:                10
  ephemeral-storage:  474095688Ki
  hugepages-1Gi:      0
  hugepages-2Mi:      0
  hugepages-32Mi:     0
  hugepages-64Ki:     0
  memory:             8025424Ki
  pods:               110
Allocatable:
  cpu:                10
  ephemeral-storage:  474095688Ki
  hugepages-1Gi:      0
  hugepages-2Mi:      0
  hugepages-32Mi:     0
  hugepages-64Ki:     0
  memory:             8025424Ki
  pods:               110
System Info:
  Machine ID:                 e366bd4b77b9d6be2d67552f69964f40
  System UUID:                e366bd4b77b9d6be2d67552f69964f40
  Boot ID:                    17c425b7-c9b6-428b-94ec-0f4af7afcb59
  Kernel Version:             6.10.14-linuxkit
  OS Image:                   Debian GNU/Linux 12 (bookworm)
  Operating System:           linux
  Architecture:               arm64
  Container Runtime Version:  docker://29.2.1
  Kubelet Version:            v1.35.1
  Kube-Proxy Version:         
PodCIDR:                      10.244.1.0/24
PodCIDRs:                     10.244.1.0/24
Non-terminated Pods:          (1 in total)
  Namespace                   Name                CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----                ------------  ----------  ---------------  -------------  ---
  kube-system                 kube-proxy-552wp    0 (0%)        0 (0%)      0 (0%)           0 (0%)         3m49s
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests  Limits
  --------           --------  ------
  cpu                0 (0%)    0 (0%)
  memory             0 (0%)    0 (0%)
  ephemeral-storage  0 (0%)    0 (0%)
  hugepages-1Gi      0 (0%)    0 (0%)
  hugepages-2Mi      0 (0%)    0 (0%)
  hugepages-32Mi     0 (0%)    0 (0%)
  hugepages-64Ki     0 (0%)    0 (0%)
Events:
  Type    Reason          Age    From             Message
  ----    ------          ----   ----             -------
  Normal  RegisteredNode  3m45s  node-controller  Node minikube-m02 event: Registered Node minikube-m02 in Controller
`;
    expect(describeNode(node, [proxy], lease, [registered], NOW)).toBe(want);
  });

  // Real output: "Events:              <none>" aligns with the Allocated resources block.
  it("aligns an empty Events line with the allocated resources table", () => {
    const node = { apiVersion: "v1", kind: "Node", metadata: { name: "n" }, status: { allocatable: { cpu: "2", memory: "1Gi", "hugepages-2Mi": "0" } } } as unknown as Node;
    expect(describeNode(node, [], undefined, [], NOW)).toContain("  hugepages-2Mi      0 (0%)    0 (0%)\nEvents:              <none>\n");
  });
});

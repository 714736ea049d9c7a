// Expected strings come from upstream kubectl pkg/describe/describe_test.go and from real
// `kubectl describe` output; see each test's comment.
import { describe, expect, it } from "vitest";
import type { Container, ContainerStatus, KubeEvent, Pod } from "../../../api/types";
import { describeContainers, podEnvResolver } from "./containers";
import { PrefixWriter } from "./prefixWriter";
import { describePod } from "./index";

const NOW = Date.UTC(2026, 7, 11, 6, 55, 31);
const ago = (ms: number) => new Date(NOW - ms).toISOString();

function pod(spec: Partial<Pod["spec"]>, extra: Partial<Pod> = {}): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "bar", namespace: "foo" },
    spec: { containers: [], ...spec },
    ...extra,
  } as Pod;
}

function event(e: Record<string, unknown>): KubeEvent {
  return { apiVersion: "v1", kind: "Event", metadata: { name: "e", namespace: "foo" }, ...e } as unknown as KubeEvent;
}

describe("describePod", () => {
  // TestDescribePodVolumes (exact output)
  it("prints an image volume in the upstream layout", () => {
    const out = describePod(pod({ volumes: [{ name: "image", image: { reference: "image", pullPolicy: "IfNotPresent" } }] }), [], NOW);
    expect(out).toBe(
      [
        "Name:         bar",
        "Namespace:    foo",
        "Node:         <none>",
        "Labels:       <none>",
        "Annotations:  <none>",
        "Status:       ",
        "IP:           ",
        "IPs:          <none>",
        "Containers: <none>",
        "Volumes:",
        "  image:",
        "    Type:        Image (a container image or OCI artifact)",
        "    Reference:   image",
        "    PullPolicy:  IfNotPresent",
        "QoS Class:       BestEffort",
        "Node-Selectors:  <none>",
        "Tolerations:     <none>",
        "Events:          <none>",
        "",
      ].join("\n"),
    );
  });

  // TestDescribePod
  it("prints Terminating with the deletion age and grace period", () => {
    const tenYears = Date.UTC(2016, 7, 11, 6, 55, 31);
    for (const [phase, want] of [
      ["Running", ["bar", "Status:", "Terminating (lasts 10y)", "Termination Grace Period", "1234s"]],
      ["Pending", ["Terminating (lasts 10y)", "Termination Grace Period", "1234s"]],
      ["Succeeded", ["Succeeded"]],
      ["Failed", ["Failed"]],
    ] as const) {
      const p = pod(
        { readinessGates: [{ conditionType: "condition1" }, { conditionType: "condition2" }] },
        { status: { phase, conditions: [{ type: "condition1", status: "True" }] } } as Partial<Pod>,
      );
      p.metadata.deletionTimestamp = new Date(tenYears).toISOString();
      p.metadata.deletionGracePeriodSeconds = 1234;
      const out = describePod(p, [], NOW);
      for (const s of want) expect(out).toContain(s);
      if (phase === "Succeeded") expect(out).not.toContain("Terminating");
    }
  });

  // TestDescribePodServiceAccount, TestDescribePodNode, TestDescribePodPriority, TestDescribePodRuntimeClass
  it("prints service account, node/hostIP, nominated node, priority and runtime class", () => {
    const out = describePod(
      pod({ serviceAccountName: "fooaccount", nodeName: "all-in-one", priorityClassName: "high-priority", priority: 1000, runtimeClassName: "test1" }, {
        status: { hostIP: "127.0.0.1", nominatedNodeName: "nodeA" },
      } as Partial<Pod>),
      [],
      NOW,
    );
    for (const s of ["Service Account:", "fooaccount", "all-in-one/127.0.0.1", "nodeA", "high-priority", "1000", "Runtime Class Name", "test1"]) expect(out).toContain(s);
    expect(describePod(pod({ runtimeClassName: "" }), [], NOW)).not.toContain("Runtime Class Name");
  });

  // TestDescribePodTolerations
  it("prints tolerations one per line", () => {
    const out = describePod(
      pod({
        tolerations: [
          { operator: "Exists" },
          { effect: "NoSchedule", operator: "Exists" },
          { key: "key0", operator: "Exists" },
          { key: "key1", value: "value1" },
          { key: "key2", operator: "Equal", value: "value2", effect: "NoSchedule" },
          { key: "key3", value: "value3", effect: "NoExecute", tolerationSeconds: 300 },
          { key: "key4", effect: "NoExecute", tolerationSeconds: 60 },
        ],
      }),
      undefined,
      NOW,
    );
    for (const s of ["  op=Exists\n", ":NoSchedule op=Exists\n", "key0 op=Exists\n", "key1=value1\n", "key2=value2:NoSchedule\n", "key3=value3:NoExecute for 300s\n", "key4:NoExecute for 60s\n", "Tolerations:"]) {
      expect(out).toContain(s);
    }
    // DescriberSettings{} (no events requested): no Events section at all.
    expect(out).not.toContain("Events:");
  });

  // TestDescribeTopologySpreadConstraints
  it("prints topology spread constraints sorted by key", () => {
    const out = describePod(
      pod({
        topologySpreadConstraints: [
          { maxSkew: 3, topologyKey: "topology.kubernetes.io/test1", whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: { key1: "val1", key2: "val2" } } },
          { maxSkew: 1, topologyKey: "topology.kubernetes.io/test2", whenUnsatisfiable: "ScheduleAnyway" },
        ],
      }),
      undefined,
      NOW,
    );
    expect(out).toContain("topology.kubernetes.io/test1:DoNotSchedule when max skew 3 is exceeded for selector key1=val1,key2=val2\n");
    expect(out).toContain("topology.kubernetes.io/test2:ScheduleAnyway when max skew 1 is exceeded\n");
  });

  // Real `kubectl describe pod` output captured with the pod's own `-o yaml` (a killercoda session,
  // Nov 2025); the fixture below is that YAML.
  it("matches real kubectl output for a running Deployment pod", () => {
    const p = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        annotations: {
          "cni.projectcalico.org/containerID": "243fa39c51c77ccb19b15fc37ac63eddb087f357bdf31305910e218c46e5c415",
          "cni.projectcalico.org/podIP": "192.168.1.4/32",
          "cni.projectcalico.org/podIPs": "192.168.1.4/32",
        },
        creationTimestamp: "2025-11-16T18:56:34Z",
        generateName: "myapp-5fc7bcccf4-",
        labels: { app: "myapp", "pod-template-hash": "5fc7bcccf4" },
        name: "myapp-5fc7bcccf4-k5t4z",
        namespace: "default",
        ownerReferences: [{ apiVersion: "apps/v1", blockOwnerDeletion: true, controller: true, kind: "ReplicaSet", name: "myapp-5fc7bcccf4", uid: "b2778fef-7a65-4402-92d5-229e6714555c" }],
        uid: "12c84cb7-b11b-43b0-9a4f-afb54cdf9c41",
      },
      spec: {
        containers: [
          {
            command: ["sh", "-c", 'while true; do echo "logging" >> /opt/logs.txt; sleep 1; done'],
            env: [
              { name: "ENVIRONMENT", value: "PRODUCTION" },
              { name: "LOG_LEVEL", value: "INFO" },
              { name: "APP_VERSION", value: "v1.0.3" },
              { name: "ENABLE_METRICS", value: "true" },
            ],
            image: "alpine:latest",
            imagePullPolicy: "Always",
            name: "myapp",
            resources: {},
            volumeMounts: [
              { mountPath: "/opt", name: "data" },
              { mountPath: "/var/run/secrets/kubernetes.io/serviceaccount", name: "kube-api-access-mwm6k", readOnly: true },
            ],
          },
        ],
        nodeName: "node01",
        preemptionPolicy: "PreemptLowerPriority",
        priority: 0,
        serviceAccountName: "default",
        securityContext: {},
        tolerations: [
          { effect: "NoExecute", key: "node.kubernetes.io/not-ready", operator: "Exists", tolerationSeconds: 300 },
          { effect: "NoExecute", key: "node.kubernetes.io/unreachable", operator: "Exists", tolerationSeconds: 300 },
        ],
        volumes: [
          { emptyDir: {}, name: "data" },
          {
            name: "kube-api-access-mwm6k",
            projected: {
              defaultMode: 420,
              sources: [
                { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
                { configMap: { items: [{ key: "ca.crt", path: "ca.crt" }], name: "kube-root-ca.crt" } },
                { downwardAPI: { items: [{ fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" }, path: "namespace" }] } },
              ],
            },
          },
        ],
      },
      status: {
        conditions: [
          { status: "True", type: "PodReadyToStartContainers" },
          { status: "True", type: "Initialized" },
          { status: "True", type: "Ready" },
          { status: "True", type: "ContainersReady" },
          { status: "True", type: "PodScheduled" },
        ],
        containerStatuses: [
          {
            containerID: "containerd://a3481167ebea4270cf88611a928a519f7468b489e1b1a3da6dc1bf2797dc8fb9",
            image: "docker.io/library/alpine:latest",
            imageID: "docker.io/library/alpine@sha256:4b7ce07002c69e8f3d704a9c5d6fd3053be500b7f1c69fc0d80990c2ad8dd412",
            lastState: {},
            name: "myapp",
            ready: true,
            restartCount: 0,
            started: true,
            state: { running: { startedAt: "2025-11-16T18:56:40Z" } },
          },
        ],
        hostIP: "172.30.2.2",
        phase: "Running",
        podIP: "192.168.1.4",
        podIPs: [{ ip: "192.168.1.4" }],
        qosClass: "BestEffort",
        startTime: "2025-11-16T18:56:34Z",
      },
    } as unknown as Pod;
    const now = Date.UTC(2025, 10, 16, 19, 2, 37);
    const ev = (reason: string, component: string, at: string, message: string) =>
      event({ type: "Normal", reason, message, source: { component }, firstTimestamp: at, lastTimestamp: at, count: 1 });
    const events = [
      ev("Scheduled", "default-scheduler", "2025-11-16T18:56:34Z", "Successfully assigned default/myapp-5fc7bcccf4-k5t4z to node01"),
      ev("Pulling", "kubelet", "2025-11-16T18:56:34Z", 'Pulling image "alpine:latest"'),
      ev("Pulled", "kubelet", "2025-11-16T18:56:40Z", 'Successfully pulled image "alpine:latest" in 5.529s (5.529s including waiting). Image size: 3813273 bytes.'),
      ev("Created", "kubelet", "2025-11-16T18:56:40Z", "Created container: myapp"),
      ev("Started", "kubelet", "2025-11-16T18:56:40Z", "Started container myapp"),
    ];
    const want = `Name:             myapp-5fc7bcccf4-k5t4z
Namespace:        default
Priority:         0
Service Account:  default
Node:             node01/172.30.2.2
Start Time:       Sun, 16 Nov 2025 18:56:34 +0000
Labels:           app=myapp
                  pod-template-hash=5fc7bcccf4
Annotations:      cni.projectcalico.org/containerID: 243fa39c51c77ccb19b15fc37ac63eddb087f357bdf31305910e218c46e5c415
                  cni.projectcalico.org/podIP: 192.168.1.4/32
                  cni.projectcalico.org/podIPs: 192.168.1.4/32
Status:           Running
IP:               192.168.1.4
IPs:
  IP:           192.168.1.4
Controlled By:  ReplicaSet/myapp-5fc7bcccf4
Containers:
  myapp:
    Container ID:  containerd://a3481167ebea4270cf88611a928a519f7468b489e1b1a3da6dc1bf2797dc8fb9
    Image:         alpine:latest
    Image ID:      docker.io/library/alpine@sha256:4b7ce07002c69e8f3d704a9c5d6fd3053be500b7f1c69fc0d80990c2ad8dd412
    Port:          <none>
    Host Port:     <none>
    Command:
      sh
      -c
      while true; do echo "logging" >> /opt/logs.txt; sleep 1; done
    State:          Running
      Started:      Sun, 16 Nov 2025 18:56:40 +0000
    Ready:          True
    Restart Count:  0
    Environment:
      ENVIRONMENT:     PRODUCTION
      LOG_LEVEL:       INFO
      APP_VERSION:     v1.0.3
      ENABLE_METRICS:  true
    Mounts:
      /opt from data (rw)
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-mwm6k (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  data:
    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)
    Medium:     
    SizeLimit:  <unset>
  kube-api-access-mwm6k:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    Optional:                false
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type    Reason     Age    From               Message
  ----    ------     ----   ----               -------
  Normal  Scheduled  6m3s   default-scheduler  Successfully assigned default/myapp-5fc7bcccf4-k5t4z to node01
  Normal  Pulling    6m3s   kubelet            Pulling image "alpine:latest"
  Normal  Pulled     5m57s  kubelet            Successfully pulled image "alpine:latest" in 5.529s (5.529s including waiting). Image size: 3813273 bytes.
  Normal  Created    5m57s  kubelet            Created container: myapp
  Normal  Started    5m57s  kubelet            Started container myapp
`;
    expect(describePod(p, events, now)).toBe(want);
  });

  // TestDescribeContainers: upstream writes into a plain buffer (no tabwriter), so tabs stay literal.
  it("describeContainers matches the upstream TestDescribeContainers cases", () => {
    const run = (c: Record<string, unknown>, status: Record<string, unknown> = {}) => {
      let out = "";
      const w = new PrefixWriter({ write: (t) => (out += t), flush: () => undefined });
      const container = { name: "test", image: "image", ...c } as Container;
      const p = { apiVersion: "v1", kind: "Pod", metadata: { name: "" }, spec: { containers: [container] } } as Pod;
      describeContainers("Containers", [container], [{ name: "test", ready: true, restartCount: 7, ...status } as ContainerStatus], podEnvResolver(p), w, "");
      return out;
    };
    const has = (out: string, want: string[]) => {
      for (const s of want) expect(out).toContain(s);
    };
    const basic = ["test", "State", "Ready", "True", "Restart Count", "7", "Image", "image"];
    has(run({}, { state: { waiting: { reason: "potato" } } }), [...basic, "Waiting", "Reason", "potato"]);
    has(run({}, { state: { running: { startedAt: ago(0) } } }), [...basic, "Running", "Started"]);
    has(run({}, { state: { terminated: { startedAt: ago(0), finishedAt: ago(0), reason: "potato", exitCode: 2 } } }), [...basic, "Terminated", "Reason", "potato", "Started", "Finished", "Exit Code", "2"]);
    has(run({}, { state: { running: { startedAt: ago(0) } }, lastState: { terminated: { startedAt: ago(-3000), finishedAt: ago(0), reason: "crashing", exitCode: 3 } } }), [
      ...basic,
      "Started",
      "Finished",
      "Exit Code",
      "crashing",
      "3",
    ]);
    has(run({}), [...basic, "Waiting"]);
    const env = { env: [{ name: "envname", value: "xyz" }] };
    has(run({ ...env, envFrom: [{ configMapRef: { name: "a123" } }] }), [...basic, "envname", "xyz", "a123\tConfigMap\tOptional: false"]);
    has(run({ ...env, envFrom: [{ prefix: "p_", configMapRef: { name: "a123" } }] }), ["a123\tConfigMap with prefix 'p_'\tOptional: false"]);
    has(run({ ...env, envFrom: [{ configMapRef: { name: "a123", optional: true } }] }), ["a123\tConfigMap\tOptional: true"]);
    has(run({ ...env, envFrom: [{ secretRef: { name: "a123", optional: true } }] }), ["a123\tSecret\tOptional: true"]);
    has(run({ ...env, envFrom: [{ prefix: "p_", secretRef: { name: "a123" } }] }), ["a123\tSecret with prefix 'p_'\tOptional: false"]);
    has(run({ command: ["sleep", "1000"] }), [...basic, "sleep", "1000"]);
    has(run({ command: ["sleep", "1000\n2000"] }), ["1000\n      2000"]);
    has(run({ args: ["time", "1000\n2000"] }), ["1000\n      2000"]);
    has(run({ resources: { limits: { cpu: "1000", memory: "4G", storage: "20G" } } }), ["cpu", "1k", "memory", "4G", "storage", "20G"]);
    has(run({ resources: { requests: { cpu: "1000", memory: "4G", storage: "20G" } } }), ["cpu", "1k", "memory", "4G", "storage", "20G"]);
    has(run({ volumeMounts: [{ name: "mounted-volume", mountPath: "/opt/" }] }), ["mounted-volume", "/opt/", "(rw)"]);
    has(run({ volumeMounts: [{ name: "mounted-volume", mountPath: "/opt/", readOnly: true }] }), ["Mounts", "mounted-volume", "/opt/", "(ro)"]);
    has(run({ volumeMounts: [{ name: "mounted-volume", mountPath: "/opt/", subPath: "foo" }] }), ["Mounts", "mounted-volume", "/opt/", '(rw,path="foo")']);
    has(run({ volumeDevices: [{ name: "volume-device", devicePath: "/dev/xvda" }] }), ["Devices", "volume-device", "/dev/xvda"]);
  });

  // ComputePodQOS on objects as the API server stores them (requests defaulted from limits).
  it("computes the QoS class", () => {
    const res = (r: Record<string, unknown>) => describePod(pod({ containers: [{ name: "c", image: "i", resources: r }] as Pod["spec"]["containers"] }), undefined, NOW);
    expect(res({ limits: { cpu: "100m", memory: "64Mi" }, requests: { cpu: "100m", memory: "64Mi" } })).toMatch(/QoS Class: +Guaranteed/);
    expect(res({ requests: { cpu: "100m" } })).toMatch(/QoS Class: +Burstable/);
    expect(res({})).toMatch(/QoS Class: +BestEffort/);
  });
});

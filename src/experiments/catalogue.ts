// The ready-made experiments (issue 6). Each builds its workload from the knobs, states its hypothesis
// and its failure, and watches long enough for Kubernetes to finish reacting (FACTS §1: a dead node's
// Deployment pods are replaced ≈6 minutes after the machine dies with the default settings).
import { bool, int, KNOBS } from "./knobs";
import { webDeployment, webPDB, webService, webStatefulSet, type WebOptions } from "./manifests";
import type { Experiment, ExperimentPlan, Focus, KnobValues } from "./types";

const FOCUS_DEPLOYMENT: Focus = { namespace: "default", selector: { app: "web" }, workload: { kind: "Deployment", name: "web" }, service: "web" };
const FOCUS_STATEFULSET: Focus = { namespace: "default", selector: { app: "web" }, workload: { kind: "StatefulSet", name: "web" }, service: "web" };

const DEPLOY_SETUP = "kubectl apply -f web.yaml\nkubectl apply -f web-svc.yaml\nkubectl rollout status deployment/web --timeout=5m";

/** tolerationSeconds 300 is the admission default: leave the pods as users write them. */
function webOptions(k: KnobValues, spreadKey = "kubernetes.io/hostname"): WebOptions {
  const tol = int(k, "tolerationSeconds");
  return {
    replicas: int(k, "replicas"),
    ...(tol !== 300 ? { tolerationSeconds: tol } : {}),
    ...(bool(k, "spread") ? { spreadKey } : {}),
    ...(bool(k, "antiAffinity") ? { antiAffinity: true } : {}),
  };
}

const NODE_FAILURE_KNOBS = (replicas: number) => [
  KNOBS.replicas(replicas),
  KNOBS.tolerationSeconds(),
  KNOBS.spread(false),
  KNOBS.antiAffinity(),
  KNOBS.nodeMonitorGracePeriod(),
  KNOBS.trafficRate(),
];

function nodeShape(k: KnobValues) {
  return { nodeMonitorGracePeriodMs: int(k, "nodeMonitorGracePeriod") };
}

/**
 * Watch until replacements have had time to run (grace + taint pass + toleration + a margin), and at
 * least 8 minutes so that runs with different knobs cover the same window (comparable request counts).
 */
function nodeFailureWatchMs(k: KnobValues): number {
  return Math.max(8 * 60_000, int(k, "nodeMonitorGracePeriod") + int(k, "tolerationSeconds") * 1000 + 120_000);
}

const killNode: Experiment = {
  name: "kill-node",
  title: "Kill the node running most replicas",
  description:
    "The machine under most of web's pods loses power. Watch how long Kubernetes believes the pods are fine, when the node controller notices, and why the replacements come about six minutes later.",
  knobs: NODE_FAILURE_KNOBS(3),
  cluster: nodeShape,
  plan(k): ExperimentPlan {
    const replicas = int(k, "replicas");
    return {
      files: { "web.yaml": webDeployment(webOptions(k)), "web-svc.yaml": webService() },
      setup: DEPLOY_SETUP,
      focus: FOCUS_DEPLOYMENT,
      replicas,
      hypotheses: [
        { kind: "readyReplicas", min: Math.max(1, replicas - 1) },
        { kind: "requestSuccess", percent: 99 },
        { kind: "recovers", replicas, withinMs: 7 * 60_000 },
      ],
      target: { kind: "nodeWithMostPods" },
      failure: "sim node kill $NODE",
      steps: [],
      watchMs: nodeFailureWatchMs(k),
      trafficRate: int(k, "trafficRate"),
    };
  },
};

const killSingleReplica: Experiment = {
  name: "kill-single-replica",
  title: "Kill the node under a 1-replica Deployment",
  description: "With one replica there is nothing to fail over to: the Service has no endpoint from the moment the node is declared Unknown until the replacement runs elsewhere.",
  knobs: NODE_FAILURE_KNOBS(1),
  cluster: nodeShape,
  plan(k): ExperimentPlan {
    const replicas = int(k, "replicas");
    return {
      files: { "web.yaml": webDeployment(webOptions(k)), "web-svc.yaml": webService() },
      setup: DEPLOY_SETUP,
      focus: FOCUS_DEPLOYMENT,
      replicas,
      hypotheses: [
        { kind: "readyReplicas", min: 1 },
        { kind: "requestSuccess", percent: 99 },
      ],
      target: { kind: "nodeWithMostPods" },
      failure: "sim node kill $NODE",
      steps: [],
      watchMs: nodeFailureWatchMs(k),
      trafficRate: int(k, "trafficRate"),
    };
  },
};

const partitionNode: Experiment = {
  name: "partition-node",
  title: "Partition a node, then heal it",
  description:
    "The node keeps running but its kubelet cannot reach the API server. Kubernetes cannot tell this from a dead machine: it evicts and replaces the pods. When the network heals, the kubelet finds its pods deleted and kills their containers.",
  knobs: [...NODE_FAILURE_KNOBS(3), { key: "healAfter", label: "Heal after", kind: "duration", default: "8m", min: 10_000, max: 3_600_000, help: "When the partition heals, after it started." }],
  cluster: nodeShape,
  plan(k): ExperimentPlan {
    const replicas = int(k, "replicas");
    const heal = int(k, "healAfter");
    return {
      files: { "web.yaml": webDeployment(webOptions(k)), "web-svc.yaml": webService() },
      setup: DEPLOY_SETUP,
      focus: FOCUS_DEPLOYMENT,
      replicas,
      hypotheses: [
        { kind: "readyReplicas", min: Math.max(1, replicas - 1) },
        { kind: "requestSuccess", percent: 99 },
      ],
      target: { kind: "nodeWithMostPods" },
      failure: "sim node partition $NODE",
      steps: [{ afterMs: heal, script: "sim node heal $NODE", note: "The network comes back: the kubelet relists its pods." }],
      watchMs: Math.max(nodeFailureWatchMs(k), heal + 90_000),
      trafficRate: int(k, "trafficRate"),
    };
  },
};

const statefulSetDeadNode: Experiment = {
  name: "statefulset-dead-node",
  title: "StatefulSet pod on a dead node",
  description:
    "A StatefulSet never runs two pods with the same identity, so it waits for the old web-1 to be gone — and nobody can confirm that while the node is dead. The pod stays Terminating until an operator marks the node out of service.",
  knobs: [
    KNOBS.replicas(3, 10),
    KNOBS.tolerationSeconds(),
    KNOBS.nodeMonitorGracePeriod(),
    KNOBS.trafficRate(),
    { key: "outOfServiceAfter", label: "Out-of-service after", kind: "duration", default: "9m", min: 10_000, max: 3_600_000, help: "When the operator taints the dead node node.kubernetes.io/out-of-service." },
  ],
  cluster: nodeShape,
  plan(k): ExperimentPlan {
    const replicas = int(k, "replicas");
    const oos = int(k, "outOfServiceAfter");
    const tol = int(k, "tolerationSeconds");
    const victim = `web-${Math.min(1, replicas - 1)}`;
    return {
      files: { "web.yaml": webStatefulSet({ replicas, ...(tol !== 300 ? { tolerationSeconds: tol } : {}) }), "web-svc.yaml": webService(true) },
      setup: "kubectl apply -f web-svc.yaml\nkubectl apply -f web.yaml\nkubectl rollout status statefulset/web --timeout=5m",
      focus: FOCUS_STATEFULSET,
      replicas,
      hypotheses: [
        { kind: "readyReplicas", min: Math.max(1, replicas - 1) },
        { kind: "recovers", replicas, withinMs: 7 * 60_000 },
      ],
      target: { kind: "nodeOfPod", pod: victim },
      failure: "sim node kill $NODE",
      steps: [{ afterMs: oos, script: "sim node out-of-service $NODE", note: "The operator confirms the machine is gone: kubectl taint nodes $NODE node.kubernetes.io/out-of-service=nodeshutdown:NoExecute" }],
      watchMs: oos + 90_000,
      trafficRate: int(k, "trafficRate"),
    };
  },
};

const stopScheduler: Experiment = {
  name: "stop-scheduler",
  title: "Stop the scheduler during a scale-up",
  description: "Without kube-scheduler new pods are created but stay Pending; running pods are untouched. When the scheduler comes back it binds the backlog at once.",
  knobs: [
    KNOBS.replicas(2),
    { key: "scaleTo", label: "Scale to", kind: "int", default: "5", min: 1, max: 50, help: "Replicas asked for while the scheduler is down." },
    { key: "downFor", label: "Scheduler down for", kind: "duration", default: "2m", min: 5_000, max: 3_600_000, help: "How long kube-scheduler stays stopped." },
    KNOBS.trafficRate(),
  ],
  cluster: () => ({}),
  plan(k): ExperimentPlan {
    const replicas = int(k, "replicas");
    const to = int(k, "scaleTo");
    const down = int(k, "downFor");
    return {
      files: { "web.yaml": webDeployment({ replicas }), "web-svc.yaml": webService() },
      setup: DEPLOY_SETUP,
      focus: FOCUS_DEPLOYMENT,
      replicas,
      recoverTo: to,
      hypotheses: [
        { kind: "readyReplicas", min: replicas },
        { kind: "recovers", replicas: to, withinMs: 60_000 },
      ],
      target: { kind: "none" },
      failure: `sim control-plane stop kube-scheduler\nkubectl scale deployment web --replicas=${to}`,
      steps: [{ afterMs: down, script: "sim control-plane start kube-scheduler", note: "kube-scheduler is back: it acquires its lease and binds the Pending pods." }],
      watchMs: down + 60_000,
      trafficRate: int(k, "trafficRate"),
    };
  },
};

const zoneFailure: Experiment = {
  name: "zone-failure",
  title: "Lose a zone, with and without topology spread",
  description:
    "web prefers zone-b (a preferred node affinity: its database lives there), so the scheduler packs it into zone-b. Then zone-b goes dark. Turn on a zone topology spread constraint and compare: a hard constraint outweighs the preference.",
  knobs: [
    KNOBS.replicas(6),
    KNOBS.spread(false),
    {
      key: "honorTaints",
      label: "nodeTaintsPolicy: Honor",
      kind: "bool",
      default: "true",
      help: "With Honor, tainted nodes (the dead zone) are not a spread domain. With Ignore, the API default, the replacements stay Pending: the constraint wants a pod in the dead zone.",
    },
    KNOBS.tolerationSeconds(),
    KNOBS.nodeMonitorGracePeriod(),
    KNOBS.trafficRate(),
  ],
  cluster: nodeShape,
  plan(k): ExperimentPlan {
    const replicas = int(k, "replicas");
    const tol = int(k, "tolerationSeconds");
    const opts: WebOptions = {
      replicas,
      preferZone: "zone-b",
      ...(tol !== 300 ? { tolerationSeconds: tol } : {}),
      ...(bool(k, "spread") ? { spreadKey: "topology.kubernetes.io/zone", nodeTaintsPolicy: bool(k, "honorTaints") ? "Honor" : "Ignore" } : {}),
    };
    return {
      files: { "web.yaml": webDeployment(opts), "web-svc.yaml": webService() },
      setup: DEPLOY_SETUP,
      focus: FOCUS_DEPLOYMENT,
      replicas,
      hypotheses: [
        { kind: "readyReplicas", min: Math.ceil(replicas / 2) },
        { kind: "requestSuccess", percent: 99 },
      ],
      target: { kind: "none" },
      failure: "sim zone kill zone-b",
      steps: [],
      watchMs: nodeFailureWatchMs(k),
      trafficRate: int(k, "trafficRate"),
    };
  },
};

const drainWithPDB: Experiment = {
  name: "drain-pdb",
  title: "Drain a node with a PodDisruptionBudget",
  description:
    "kubectl drain evicts pods through the Eviction API, which refuses (429) an eviction that would take web below the budget's minAvailable; drain retries until the replacements are ready. Set minAvailable to 0 to see what happens without the budget.",
  knobs: [
    KNOBS.replicas(4),
    { key: "minAvailable", label: "PDB minAvailable", kind: "int", default: "3", min: 0, max: 50, help: "Pods that must stay available during voluntary disruptions (0: no budget)." },
    KNOBS.trafficRate(),
  ],
  cluster: () => ({}),
  plan(k): ExperimentPlan {
    const replicas = int(k, "replicas");
    const minAvailable = int(k, "minAvailable");
    const files: Record<string, string> = { "web.yaml": webDeployment({ replicas }), "web-svc.yaml": webService() };
    if (minAvailable > 0) files["web-pdb.yaml"] = webPDB(minAvailable);
    return {
      files,
      setup: DEPLOY_SETUP + (minAvailable > 0 ? "\nkubectl apply -f web-pdb.yaml\nsim advance 5s" : ""),
      focus: FOCUS_DEPLOYMENT,
      replicas,
      hypotheses: [{ kind: "readyReplicas", min: Math.max(1, minAvailable || replicas - 1) }],
      target: { kind: "nodeWithMostPods" },
      failure: "kubectl drain $NODE --ignore-daemonsets --delete-emptydir-data --timeout=5m",
      steps: [],
      watchMs: 3 * 60_000,
      trafficRate: int(k, "trafficRate"),
    };
  },
};

const gracefulShutdown: Experiment = {
  name: "graceful-shutdown",
  title: "Shut a node down gracefully",
  description:
    "With graceful node shutdown configured (shutdownGracePeriod 30s), the kubelet marks the node NotReady and stops its pods before powering off. They end Failed (Terminated), so the ReplicaSet replaces them in seconds instead of minutes.",
  knobs: [KNOBS.replicas(3), KNOBS.trafficRate()],
  cluster: () => ({}),
  plan(k): ExperimentPlan {
    const replicas = int(k, "replicas");
    return {
      files: { "web.yaml": webDeployment({ replicas }), "web-svc.yaml": webService() },
      setup: DEPLOY_SETUP,
      focus: FOCUS_DEPLOYMENT,
      replicas,
      hypotheses: [
        { kind: "readyReplicas", min: Math.max(1, replicas - 1) },
        { kind: "recovers", replicas, withinMs: 60_000 },
      ],
      target: { kind: "nodeWithMostPods" },
      failure: "sim node shutdown $NODE --grace=30s --critical=10s",
      steps: [],
      watchMs: 3 * 60_000,
      trafficRate: int(k, "trafficRate"),
    };
  },
};

const stopApiServer: Experiment = {
  name: "stop-apiserver",
  title: "Stop the API server",
  description:
    "kubectl cannot connect and nothing can change, but the pods keep running and serving: the data plane does not need the control plane. After 10s without their lease, kube-controller-manager and kube-scheduler restart and wait for the API server.",
  knobs: [KNOBS.replicas(3), { key: "downFor", label: "API server down for", kind: "duration", default: "3m", min: 5_000, max: 3_600_000, help: "How long kube-apiserver stays stopped." }, KNOBS.trafficRate()],
  cluster: () => ({}),
  plan(k): ExperimentPlan {
    const replicas = int(k, "replicas");
    const down = int(k, "downFor");
    return {
      files: { "web.yaml": webDeployment({ replicas }), "web-svc.yaml": webService() },
      setup: DEPLOY_SETUP,
      focus: FOCUS_DEPLOYMENT,
      replicas,
      hypotheses: [
        { kind: "readyReplicas", min: replicas },
        { kind: "requestSuccess", percent: 99.9 },
      ],
      target: { kind: "none" },
      failure: "sim control-plane stop kube-apiserver\nkubectl get pods",
      steps: [{ afterMs: down, script: "sim control-plane start kube-apiserver\nkubectl get pods", note: "The API server is back; the controllers re-acquire their leases." }],
      watchMs: down + 90_000,
      trafficRate: int(k, "trafficRate"),
    };
  },
};

const etcdQuorum: Experiment = {
  name: "etcd-quorum",
  title: "Lose etcd members in a 3-node control plane",
  description:
    "Three etcd members tolerate one failure: with one stopped the API keeps answering. Stop a second and quorum is lost: every request fails with 'etcdserver: request timed out', while the pods keep serving.",
  knobs: [KNOBS.replicas(3), KNOBS.trafficRate()],
  cluster: () => ({ controlPlanes: 3 }),
  plan(k): ExperimentPlan {
    const replicas = int(k, "replicas");
    return {
      files: { "web.yaml": webDeployment({ replicas }), "web-svc.yaml": webService() },
      setup: DEPLOY_SETUP,
      focus: FOCUS_DEPLOYMENT,
      replicas,
      recoverTo: replicas + 1,
      hypotheses: [
        { kind: "readyReplicas", min: replicas },
        { kind: "requestSuccess", percent: 99.9 },
      ],
      target: { kind: "none" },
      failure: "sim etcd member stop control-plane3\nkubectl scale deployment web --replicas=" + (replicas + 1),
      steps: [
        { afterMs: 60_000, script: "sim etcd member stop control-plane2\nkubectl get pods", note: "A second member goes: 1 of 3 running, quorum (2) lost." },
        { afterMs: 150_000, script: "sim etcd member start control-plane2\nsim etcd member start control-plane3\nkubectl get pods", note: "The members come back: quorum, then the controllers re-acquire their leases." },
      ],
      watchMs: 4 * 60_000,
      trafficRate: int(k, "trafficRate"),
    };
  },
};

const etcdRestore: Experiment = {
  name: "etcd-restore",
  title: "Restore etcd from a snapshot",
  description:
    "A snapshot is taken, then the Deployment is scaled and a second one created. Restoring the snapshot brings the cluster back to the snapshot's state: the later changes are lost, and controllers and kubelets reconcile reality with it.",
  knobs: [KNOBS.replicas(3), KNOBS.trafficRate()],
  cluster: () => ({}),
  plan(k): ExperimentPlan {
    const replicas = int(k, "replicas");
    return {
      files: { "web.yaml": webDeployment({ replicas }), "web-svc.yaml": webService() },
      setup: DEPLOY_SETUP + "\nsim etcd snapshot save before",
      focus: FOCUS_DEPLOYMENT,
      replicas,
      hypotheses: [{ kind: "readyReplicas", min: replicas }],
      target: { kind: "none" },
      failure: `kubectl scale deployment web --replicas=${replicas + 2}\nkubectl create deployment extra --image=nginx:1.27`,
      steps: [{ afterMs: 60_000, script: "sim etcd snapshot restore before\nkubectl get deployments", note: "Disaster recovery: etcd goes back to the snapshot taken before the changes." }],
      watchMs: 3 * 60_000,
      trafficRate: int(k, "trafficRate"),
    };
  },
};

const memoryPressure: Experiment = {
  name: "memory-pressure",
  title: "Exhaust a node's memory",
  description:
    "A pod without requests or limits allocates almost all of a node's memory. The kubelet sees memory.available fall under 100Mi, reports MemoryPressure and evicts the pod that uses most beyond its request: the hog, not web.",
  knobs: [KNOBS.replicas(3), { key: "size", label: "Hog size", kind: "int", default: "0", min: 0, max: 64 * 1024, help: "MiB the hog allocates; 0 = all but 50Mi of what is free." }, KNOBS.trafficRate()],
  cluster: () => ({}),
  plan(k): ExperimentPlan {
    const replicas = int(k, "replicas");
    const size = int(k, "size");
    return {
      files: { "web.yaml": webDeployment({ replicas }), "web-svc.yaml": webService() },
      setup: DEPLOY_SETUP,
      focus: { ...FOCUS_DEPLOYMENT, alsoWatch: [{ app: "memory-hog" }] },
      replicas,
      hypotheses: [
        { kind: "readyReplicas", min: replicas },
        { kind: "requestSuccess", percent: 99.9 },
      ],
      target: { kind: "nodeWithMostPods" },
      failure: `sim node stress-memory $NODE${size > 0 ? ` ${size}Mi` : ""}`,
      steps: [],
      watchMs: 6 * 60_000,
      trafficRate: int(k, "trafficRate"),
    };
  },
};

export const EXPERIMENTS: readonly Experiment[] = [
  killNode,
  killSingleReplica,
  partitionNode,
  statefulSetDeadNode,
  stopScheduler,
  zoneFailure,
  drainWithPDB,
  gracefulShutdown,
  memoryPressure,
  stopApiServer,
  etcdQuorum,
  etcdRestore,
];

export function findExperiment(name: string): Experiment | undefined {
  return EXPERIMENTS.find((e) => e.name === name);
}

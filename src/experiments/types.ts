// Experiments as data: a controlled failure with a steady-state hypothesis, in the spirit of chaos
// engineering (Chaos Mesh, chaoskube, the "Principles of Chaos Engineering"), on a simulated cluster.
// An Experiment says how to build the workload (manifests + a setup script in the command language),
// what "healthy" means (hypotheses), which failure to inject (a script run at the failure instant, with
// $NODE / $ZONE / $POD chosen from the cluster just before), later steps (heal at +7m, ...), and how long
// to watch. Knobs change the setup before a run (`--set replicas=5`).

/** A knob the learner may turn before a run. Values travel as strings (`--set key=value`). */
export interface KnobSpec {
  readonly key: string;
  readonly label: string;
  readonly kind: "int" | "duration" | "bool";
  readonly default: string;
  readonly min?: number;
  readonly max?: number;
  /** What turning it teaches. */
  readonly help: string;
}

/** Parsed knob values: ints and durations (ms) as numbers, bools as booleans. */
export type KnobValues = Readonly<Record<string, number | boolean>>;

/** The workload an experiment watches: pods selected by labels in a namespace, and their Service. */
export interface Focus {
  readonly namespace: string;
  /** matchLabels of the workload's pods. */
  readonly selector: Readonly<Record<string, string>>;
  readonly workload: { readonly kind: "Deployment" | "StatefulSet"; readonly name: string };
  readonly service?: string;
  /** Other pods whose fate the timeline shows (e.g. the memory hog), not counted in the measures. */
  readonly alsoWatch?: readonly Readonly<Record<string, string>>[];
}

export type Hypothesis =
  /** The API reports at least `min` ready pods of the workload for the whole watch. */
  | { readonly kind: "readyReplicas"; readonly min: number }
  /** The Service's EndpointSlices list at least `min` ready endpoints for the whole watch. */
  | { readonly kind: "readyEndpoints"; readonly min: number }
  /** At least `percent` % of requests to the Service succeed (estimated from endpoints and what runs). */
  | { readonly kind: "requestSuccess"; readonly percent: number }
  /** `replicas` pods are ready and actually serving again within `withinMs` of the failure. */
  | { readonly kind: "recovers"; readonly replicas: number; readonly withinMs: number };

/** How $NODE, $ZONE and $POD are chosen just before the failure. */
export type TargetSpec =
  /** The worker node running the most pods of the focus (ties: name order). */
  | { readonly kind: "nodeWithMostPods" }
  /** The node running the pod with this name. */
  | { readonly kind: "nodeOfPod"; readonly pod: string }
  /** The zone of the node running the most pods of the focus. */
  | { readonly kind: "zoneWithMostPods" }
  | { readonly kind: "none" };

export interface ExperimentStep {
  /** Simulated ms after the failure. */
  readonly afterMs: number;
  /** Command-language lines ($NODE etc. substituted). */
  readonly script: string;
  /** Why this step happens (shown in the timeline). */
  readonly note: string;
}

export interface ExperimentPlan {
  /** Manifests by file name, readable by `kubectl apply -f NAME` in the setup script. */
  readonly files: Readonly<Record<string, string>>;
  readonly setup: string;
  readonly focus: Focus;
  /** Pods of the focus in the steady state. */
  readonly replicas: number;
  /** Pods the workload should have after the failure's own changes (a scale-up); default `replicas`. */
  readonly recoverTo?: number;
  readonly hypotheses: readonly Hypothesis[];
  readonly target: TargetSpec;
  readonly failure: string;
  readonly steps: readonly ExperimentStep[];
  readonly watchMs: number;
  /** Requests per second `sim traffic` sends to the Service during the watch; 0 = no traffic. */
  readonly trafficRate: number;
}

export interface ClusterShape {
  readonly workers?: number;
  readonly controlPlanes?: number;
  /** kube-controller-manager --node-monitor-grace-period, from a knob. */
  readonly nodeMonitorGracePeriodMs?: number;
}

export interface Experiment {
  readonly name: string;
  readonly title: string;
  /** What happens and what to look for, in two or three sentences. */
  readonly description: string;
  readonly knobs: readonly KnobSpec[];
  cluster(k: KnobValues): ClusterShape;
  plan(k: KnobValues): ExperimentPlan;
}

// ─── What a run produces (plain data: structured-clone safe, sent to the page as is) ────────────────

export type MarkKind =
  | "failure"
  | "step"
  | "heartbeat"
  | "nodeNotReady"
  | "podsNotReady"
  | "endpointsRemoved"
  | "taint"
  | "eviction"
  | "podFailed"
  | "replacementCreated"
  | "scheduled"
  | "running"
  | "endpointsRestored"
  | "nodeReady"
  | "nodePressure"
  | "podDeleted"
  | "component"
  | "apiErrors";

export interface ObjectRef {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  /** The object's uid: the page's ViewItem id (Pod, Node); absent when unknown. */
  readonly uid?: string;
}

export interface TimelineMark {
  /** Order in the timeline (0-based). */
  readonly seq: number;
  /** Simulated ms. */
  readonly t: number;
  /** ms since the failure (negative before it). */
  readonly dt: number;
  readonly kind: MarkKind;
  /** Who acted: "kubelet/node-2", "node-controller", "taint-eviction-controller", "sim", ... */
  readonly actor: string;
  readonly text: string;
  /** Why it happened when it did, when the timing follows from a setting (grace period, toleration). */
  readonly why?: string;
  readonly objects: readonly ObjectRef[];
  /** False for marks about other watched pods (Focus.alsoWatch): they do not count in the metrics. */
  readonly workload?: false;
}

export interface HypothesisResult {
  readonly text: string;
  readonly held: boolean;
  /** The numbers behind the verdict. */
  readonly detail: string;
}

export interface ExperimentMetrics {
  /** Failure → Kubernetes noticed (node NotReady/Unknown or under pressure, pods NotReady, endpoints removed). */
  readonly timeToDetectMs?: number;
  /** Failure → the first pod of the workload was deleted or failed by the control plane. */
  readonly timeToEvictMs?: number;
  /** Failure → the first replacement pod was created. */
  readonly timeToReplaceMs?: number;
  /** Failure → every replica ready and serving again (for good). */
  readonly timeToRecoverMs?: number;
  readonly minReadyReplicas: number;
  /** Least pods actually serving (ready, on a live reachable machine, container running). */
  readonly minServingReplicas: number;
  readonly minReadyEndpoints?: number;
  /** Time with no pod serving at all. */
  readonly downtimeMs: number;
  readonly requestsTotal?: number;
  readonly requestsFailed?: number;
}

export interface ExperimentReport {
  readonly experiment: string;
  readonly title: string;
  readonly knobs: Readonly<Record<string, string>>;
  /** Simulated ms of the failure and of the end of the watch. */
  readonly failureAt: number;
  readonly endAt: number;
  readonly held: boolean;
  readonly hypotheses: readonly HypothesisResult[];
  readonly metrics: ExperimentMetrics;
  /** Why the run stopped early (the steady state was never reached, a script line failed). */
  readonly error?: string;
}

export type RunPhase = "setup" | "running" | "done" | "failed";

/** A run as the page shows it: the timeline so far and, once done, the report. */
export interface ExperimentRunView {
  readonly name: string;
  readonly title: string;
  readonly knobs: Readonly<Record<string, string>>;
  readonly phase: RunPhase;
  /** Simulated ms now, and of the failure / the end (once known). */
  readonly now: number;
  readonly failureAt?: number;
  readonly endAt?: number;
  readonly marks: readonly TimelineMark[];
  readonly report?: ExperimentReport;
  /** What the setup and the scripted steps printed (a terminal transcript). */
  readonly transcript: string;
}

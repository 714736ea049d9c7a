// protocol.ts types every message between the page and the engine's Web Worker — the one contract both
// sides build against (DESIGN.md "excalidraw's worker split"). The worker is only a switch over
// `PageToWorker`; the page only renders what `WorkerToPage` reports, so the page never invents state.
//
// Shape of the flow:
//   page ──Request{id}──▶ worker ──Reply{id}──▶ page         (commands, apply, describe, ...)
//   worker ──Batch──▶ page, at most once per animation frame   (ordered diffs stamped with simulated time)
// A page that is late or just (re)started asks for `snapshot` once and then applies batches whose `seq`
// follows the snapshot's.
//
// Everything here is plain data (structured-clone safe): no classes, no functions, no Maps.
import type { ExperimentRunView } from "../experiments/types";

export type { ExperimentRunView };
import type { LessonStatus } from "../lessons/status";

export type { LessonStatus };

// ─── The cluster as the page draws it ─────────────────────────────────────────────────────────────────

/** A control-plane component the graph draws as a box. */
export type ComponentName = "kube-apiserver" | "etcd" | "kube-scheduler" | "kube-controller-manager";

export interface ComponentView {
  readonly kind: "Component";
  /** Stable id: the component name (e.g. "kube-scheduler"). */
  readonly id: ComponentName;
  readonly name: ComponentName;
  /** False while an experiment has stopped it. */
  readonly up: boolean;
  /** For kube-controller-manager: the controllers it runs, upstream names ("deployment", "replicaset", ...). */
  readonly controllers?: readonly string[];
}

export interface NodeView {
  readonly kind: "Node";
  /** Stable id: the node's uid. */
  readonly id: string;
  readonly name: string;
  /** kubectl get nodes STATUS: "Ready", "NotReady", "Unknown"-as-"NotReady", "Ready,SchedulingDisabled", ... */
  readonly status: string;
  /** kubectl get nodes ROLES: "control-plane" or "<none>". */
  readonly roles: string;
  /** topology.kubernetes.io/zone label, if any. */
  readonly zone?: string;
  /** Taints as kubectl prints them: "node.kubernetes.io/unreachable:NoExecute". */
  readonly taints: readonly string[];
  /** Whether the machine is up (the simulator's truth, not the API's belief: a killed node is false at once,
   *  while the API still says Ready until the node-monitor grace period passes). */
  readonly machineUp: boolean;
  /** Allocatable, as strings the page prints ("4", "8Gi", "110"). */
  readonly cpu: string;
  readonly memory: string;
  readonly podCapacity: number;
  /** Pods bound to this node (count), for the level-of-detail view. */
  readonly podCount: number;
}

export interface PodView {
  readonly kind: "Pod";
  /** Stable id: the pod's uid. */
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  /** spec.nodeName; absent while Pending unscheduled. */
  readonly nodeName?: string;
  /** kubectl get pods STATUS column exactly: "Pending", "ContainerCreating", "Running", "Terminating",
   *  "CrashLoopBackOff", "ErrImagePull", "Completed", "Init:0/1", ... */
  readonly status: string;
  /** status.phase. */
  readonly phase: string;
  /** kubectl READY column, e.g. "1/1". */
  readonly ready: string;
  /** Sum of container restarts (kubectl RESTARTS). */
  readonly restarts: number;
  /** The controller owner (ownerReferences[controller=true]): kind and uid. */
  readonly ownerKind?: string;
  readonly ownerId?: string;
  readonly labels: Readonly<Record<string, string>>;
  /** metadata.deletionTimestamp is set. */
  readonly terminating: boolean;
  /** metadata.creationTimestamp as simulated ms (for stable ordering in the graph). */
  readonly createdAt: number;
  readonly podIP?: string;
}

/** Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs, CronJobs: the ownership chain. */
export interface WorkloadView {
  readonly kind: "Deployment" | "ReplicaSet" | "StatefulSet" | "DaemonSet" | "Job" | "CronJob" | "ReplicationController";
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly ownerKind?: string;
  readonly ownerId?: string;
  /** kubectl READY-style text for the kind ("3/3" for Deployment/StatefulSet, "1/1" completions for Job). */
  readonly ready: string;
  /** Desired replicas (spec.replicas / desiredNumberScheduled / completions), when the kind has one. */
  readonly desired?: number;
}

export interface ServiceView {
  readonly kind: "Service";
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  /** ClusterIP, NodePort, LoadBalancer, ExternalName. */
  readonly type: string;
  /** "10.96.0.1", "None" for headless. */
  readonly clusterIP: string;
  readonly externalIP?: string;
  /** kubectl PORT(S) column: "80/TCP", "80:30080/TCP". */
  readonly ports: string;
  readonly selector?: Readonly<Record<string, string>>;
  /** Pod uids behind the Service from its EndpointSlices, split by readiness. */
  readonly readyPodIds: readonly string[];
  readonly notReadyPodIds: readonly string[];
}

export interface IngressView {
  readonly kind: "Ingress";
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  /** kubectl HOSTS column. */
  readonly hosts: string;
  /** Service names (same namespace) the rules route to. */
  readonly serviceNames: readonly string[];
}

export type ViewItem = ComponentView | NodeView | PodView | WorkloadView | ServiceView | IngressView;
export type ViewKind = ViewItem["kind"];

// ─── Motion: API requests as messages between actors ─────────────────────────────────────────────────

/** Who a message travels between. "kubelet/node-2" and "kube-proxy/node-2" name a node's agents;
 *  controllers are reached through "kube-controller-manager" (with `controller` naming the one). */
export type ActorId = string;

/** One audit entry, ready to animate: kubectl → kube-apiserver → etcd; kube-apiserver ⇢ watchers. */
export interface FlowMessage {
  /** The audit sequence number (strictly increasing). */
  readonly seq: number;
  /** Simulated ms. */
  readonly t: number;
  /** The requesting actor as the audit log names it ("kubectl", "kube-scheduler", "kubelet/node-1",
   *  "replicaset-controller", ...). */
  readonly actor: string;
  /** The graph box the message starts from: the actor, or "kube-controller-manager" for a controller. */
  readonly from: ActorId;
  readonly verb: string;
  readonly resource: string;
  readonly subresource?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly code: number;
  /** A short sentence a learner reads, e.g. "kube-scheduler binds default/web-1 to node-2". */
  readonly summary: string;
}

/** `kubectl get events` row. */
export interface EventRow {
  readonly id: string;
  /** Simulated ms of lastTimestamp (or eventTime). */
  readonly t: number;
  readonly namespace: string;
  readonly type: "Normal" | "Warning";
  readonly reason: string;
  /** "pod/web-1", as kubectl's OBJECT column. */
  readonly object: string;
  readonly objectKind: string;
  readonly objectName: string;
  readonly objectId?: string;
  readonly message: string;
  readonly count: number;
  /** reportingComponent / source.component, e.g. "default-scheduler", "kubelet". */
  readonly source: string;
}

// ─── Clock ───────────────────────────────────────────────────────────────────────────────────────────

export interface ClockState {
  /** Simulated ms since the simulation epoch. */
  readonly now: number;
  /** RFC 3339 of the simulated wall time, for display. */
  readonly wallTime: string;
  readonly paused: boolean;
  /** Simulated seconds per real second: 0.5 … 100. */
  readonly speed: number;
}

// ─── Worker → page ───────────────────────────────────────────────────────────────────────────────────

/** Ordered diffs since the previous batch. Applying every batch in `seq` order to the last snapshot gives
 *  exactly the worker's view. */
export interface Batch {
  readonly type: "batch";
  /** Batch sequence; a gap means the page missed one and must ask for a snapshot. */
  readonly seq: number;
  readonly clock: ClockState;
  /** Items created or changed (whole item: replace by id). */
  readonly upserts: readonly ViewItem[];
  /** Ids of items that no longer exist. */
  readonly removals: readonly string[];
  /** API requests since the previous batch, oldest first. When there are many, the worker keeps the first
   *  `MAX_MESSAGES_PER_BATCH` and counts the rest in `droppedMessages` (the page aggregates). */
  readonly messages: readonly FlowMessage[];
  readonly droppedMessages: number;
  readonly events: readonly EventRow[];
}

export const MAX_MESSAGES_PER_BATCH = 200;

/** Most upserts + removals one batch carries. A burst (a rollout's first second touches a thousand pods)
 *  is spread over the next batches, oldest change first, so the page never applies one huge batch in one
 *  frame; the page's view is exact again once the burst has been sent. */
export const MAX_ITEMS_PER_BATCH = 250;

export interface Snapshot {
  readonly type: "snapshot";
  /** The batch seq this snapshot corresponds to; the next batch has seq + 1. */
  readonly seq: number;
  readonly clock: ClockState;
  readonly items: readonly ViewItem[];
  /** The most recent events (up to 500). */
  readonly events: readonly EventRow[];
}

/** Where a manifest error is, for the editor's inline markers (1-based line and column). */
export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** JSON-path-like field, e.g. "spec.template.spec.containers[0].image". */
  readonly field?: string;
  readonly message: string;
  readonly severity: "error" | "warning";
}

/** What a command printed, exactly as the terminal shows it. */
export interface CommandOutput {
  readonly out: string;
  readonly err: string;
  readonly code: number;
}

/** The scheduler's reasoning for one pod ("why this node?" / "why Pending?"). */
export interface SchedulingExplanation {
  readonly pod: string;
  /** Simulated ms of the attempt. */
  readonly t: number;
  /** Chosen node, absent when the pod could not be scheduled. */
  readonly nodeName?: string;
  /** The FitError message when unschedulable ("0/4 nodes are available: ..."). */
  readonly message?: string;
  readonly nodes: readonly {
    readonly node: string;
    /** Filter verdicts: plugin → "" when it passed, or the reason it failed. */
    readonly filters: Readonly<Record<string, string>>;
    /** Weighted scores per plugin (after normalisation), absent for filtered-out nodes. */
    readonly scores?: Readonly<Record<string, number>>;
    readonly total?: number;
  }[];
}

export interface ObjectDetails {
  readonly describe: string;
  readonly yaml: string;
  readonly events: readonly EventRow[];
  readonly owners: readonly { kind: string; name: string; id: string }[];
  readonly dependents: readonly { kind: string; name: string; id: string }[];
  readonly scheduling?: SchedulingExplanation;
}

export type ReplyBody =
  | { readonly kind: "ok" }
  | { readonly kind: "command"; readonly output: CommandOutput }
  /** Apply/delete of editor files: kubectl's output, and diagnostics when something was refused (then
   *  nothing from that file was applied). */
  | { readonly kind: "apply"; readonly output: CommandOutput; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: "validate"; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: "details"; readonly details: ObjectDetails | null }
  | { readonly kind: "completions"; readonly candidates: readonly string[]; readonly replaceFrom: number }
  | { readonly kind: "saved"; readonly state: SavedState }
  /** The experiment run (src/experiments): its live timeline and, once done, its report. null: none. */
  | { readonly kind: "experiment"; readonly run: ExperimentRunView | null }
  /** The lesson the worker follows (src/lessons): the current step's check, and show-me or quiz when asked.
   *  null: no lesson is followed on this cluster (none begun, or the cluster was replaced since). */
  | { readonly kind: "lesson"; readonly status: LessonStatus | null }
  | { readonly kind: "stats"; readonly stats: WorkerStats }
  | { readonly kind: "error"; readonly message: string };

/** What the worker sent and did since `stats` turned measuring on (for `npm run bench:ui`). */
export interface WorkerStats {
  readonly measuring: boolean;
  /** Batches posted, and their size as JSON (UTF-16 code units ≈ bytes for this ASCII data). */
  readonly batches: number;
  readonly bytes: number;
  /** Real ms the real-time loop spent running the engine, and the simulated ms it advanced. */
  readonly busyMs: number;
  readonly simulatedMs: number;
  /** Real ms since measuring started. */
  readonly elapsedMs: number;
}

export interface Reply {
  readonly type: "reply";
  readonly id: number;
  readonly body: ReplyBody;
}

/** The worker hit a bug it cannot recover from; the page offers to restart from the last saved state. */
export interface Fatal {
  readonly type: "fatal";
  readonly message: string;
}

export interface Ready {
  readonly type: "ready";
  readonly clock: ClockState;
}

export type WorkerToPage = Batch | Snapshot | Reply | Fatal | Ready;

// ─── Saved state (reload, restart after a crash, lessons' starting clusters) ─────────────────────────

/** The engine is deterministic, so a cluster is saved as how it was made: seed, size and every command
 *  with the simulated time it ran at. Restoring replays the journal (fast, no rendering) to the same state. */
export interface SavedState {
  readonly version: 1;
  readonly seed: number;
  readonly nodes: number;
  readonly journal: readonly JournalEntry[];
  /** Simulated ms reached (the replay advances to here after the last command). */
  readonly now: number;
  /** Set when the cluster is an experiment's (src/experiments): the replay starts that experiment with this
   *  seed instead of a default cluster, and stops following it at `stoppedAt` if the page stopped it. */
  readonly experiment?: { readonly name: string; readonly set: Readonly<Record<string, string>>; readonly stoppedAt?: number };
}

export type JournalEntry =
  | { readonly at: number; readonly op: "run"; readonly line: string }
  | { readonly at: number; readonly op: "apply"; readonly files: readonly EditorFile[] }
  | { readonly at: number; readonly op: "delete"; readonly files: readonly EditorFile[] }
  /** The editor's tabs changed before a command that may read them (`kubectl apply -f web.yaml`). */
  | { readonly at: number; readonly op: "files"; readonly files: readonly EditorFile[] };

export interface EditorFile {
  readonly name: string;
  readonly text: string;
}

// ─── Page → worker ───────────────────────────────────────────────────────────────────────────────────

export type RequestBody =
  /** Start (or restart) a cluster; `state` replays a saved one. */
  | { readonly kind: "init"; readonly seed?: number; readonly nodes?: number; readonly state?: SavedState }
  /** One line of the command language (`kubectl …`, `sim …`), as typed in the terminal. */
  | { readonly kind: "run"; readonly line: string }
  /** `kubectl apply -f` of the editor's files (each file is one or more YAML documents). */
  | { readonly kind: "apply"; readonly files: readonly EditorFile[] }
  | { readonly kind: "delete"; readonly files: readonly EditorFile[] }
  /** The editor's tabs, as the files the terminal's `kubectl apply -f <tab>` reads (replaces the last set). */
  | { readonly kind: "files"; readonly files: readonly EditorFile[] }
  /** Parse and schema-check without applying, for inline markers while typing. */
  | { readonly kind: "validate"; readonly file: EditorFile }
  | { readonly kind: "clock"; readonly paused?: boolean; readonly speed?: number }
  /** Advance to the next scheduled engine event (and pause). */
  | { readonly kind: "step" }
  /** Advance until an API write happens (or `maxMs` passes), then pause: "skip ahead until something happens". */
  | { readonly kind: "skip"; readonly maxMs?: number }
  | { readonly kind: "details"; readonly id: string }
  | { readonly kind: "complete"; readonly line: string; readonly cursor: number }
  | { readonly kind: "snapshot" }
  | { readonly kind: "save" }
  /** Start a ready-made experiment (src/experiments) on a fresh cluster that replaces the live one: setup
   *  and failure run at once, then the watch runs with the clock. `set`: knob values (`--set key=value`). */
  | { readonly kind: "experiment"; readonly name: string; readonly set?: Readonly<Record<string, string>> }
  /** The current experiment run (poll while it runs). */
  | { readonly kind: "experimentStatus" }
  /** Run the rest of the watch at once (headless speed) and report. */
  | { readonly kind: "experimentFinish" }
  /** Forget the run; the cluster stays as it is. */
  | { readonly kind: "experimentStop" }
  /** Guided lessons (src/lessons). The page first sends `init` with the lesson's starting state, then
   *  `begin` with the lesson and its 1-based step (stepCount + 1 = the quiz); `status` after each batch
   *  evaluates the step's check; `showMe` resolves the step's files and lines (the page runs them);
   *  `quiz` reads the question from the cluster; `end` stops following. */
  | { readonly kind: "lesson"; readonly op: "begin" | "status" | "showMe" | "quiz" | "end"; readonly lessonId?: string; readonly step?: number }
  /** Worker counters for benchmarks; `measure: true` resets them and starts counting, false stops. */
  | { readonly kind: "stats"; readonly measure?: boolean }
  /** Flow control, fire-and-forget (no reply): the page has applied every batch up to `seq` (or the
   *  snapshot of that seq). A page that acks gets at most two unacknowledged batches at a time; while it
   *  is behind, the worker folds further changes into the next batch instead of queueing more. */
  | { readonly kind: "ack"; readonly seq: number };

export interface Request {
  readonly type: "request";
  readonly id: number;
  readonly body: RequestBody;
}

export type PageToWorker = Request;

export const SPEED_MIN = 0.5;
export const SPEED_MAX = 100;
export const SPEEDS = [0.5, 1, 2, 5, 10, 25, 50, 100] as const;

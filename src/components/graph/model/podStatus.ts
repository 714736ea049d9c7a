// podStatus maps kubectl's STATUS column to the colour family the graph draws, so a learner sees a pod go
// Pending (grey) → ContainerCreating (amber) → Running (green), and anything failing in red. The input is
// the exact STATUS text the worker reports (PodView.status), never a guess from other fields.
import type { NodeView, PodView } from "../../../engine/protocol";

export type PodTone = "pending" | "creating" | "running" | "unready" | "succeeded" | "failing" | "terminating";

/** Every tone, in the order the legend lists them. */
export const POD_TONES: readonly PodTone[] = ["pending", "creating", "running", "unready", "succeeded", "failing", "terminating"];

/** Statuses kubectl prints while containers are being set up (pkg/printers/internalversion printPod). */
const CREATING = new Set(["ContainerCreating", "PodInitializing"]);

export function podTone(p: Pick<PodView, "status" | "phase" | "ready" | "terminating">): PodTone {
  if (p.terminating || p.status === "Terminating") return "terminating";
  if (p.status === "Completed" || p.phase === "Succeeded") return "succeeded";
  if (p.status === "Running") return isAllReady(p.ready) ? "running" : "unready";
  if (p.status === "Pending") return "pending";
  if (CREATING.has(p.status)) return "creating";
  // "Init:0/1" means init containers are still running; "Init:Error" / "Init:CrashLoopBackOff" are failures.
  if (/^Init:\d+\/\d+$/.test(p.status)) return "creating";
  return "failing";
}

/** kubectl READY "2/2" → true; "1/2", "0/1", malformed → false. */
export function isAllReady(ready: string): boolean {
  const m = /^(\d+)\/(\d+)$/.exec(ready);
  return m !== null && m[1] === m[2] && m[2] !== "0";
}

/** CSS custom property (defined in ClusterGraph.css) holding the tone's colour. */
export function toneVar(t: PodTone): string {
  return `--g-pod-${t}`;
}

/** A node the machine no longer runs, or the API believes is not Ready, is drawn greyed. */
export function nodeDown(n: Pick<NodeView, "machineUp" | "status">): boolean {
  return !n.machineUp || !n.status.split(",").includes("Ready");
}

export function nodeCordoned(n: Pick<NodeView, "status">): boolean {
  return n.status.split(",").includes("SchedulingDisabled");
}

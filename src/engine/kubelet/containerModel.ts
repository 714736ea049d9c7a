// ContainerModel is what the kubelet needs from the container behaviour model (kubelet/behaviour): how
// big an image is and whether it can be pulled, and, for a started container, when it exits on its own,
// how it answers SIGTERM, and how it answers probes. The adapter in runtimeAdapter.ts implements it.
import type { Container, Pod, Probe } from "../api/types";

export type PullOutcome =
  | { ok: true; sizeBytes: number; imageRef: string; digest: string }
  | { ok: false; reason: "ErrImagePull" | "InvalidImageName"; message: string };

export interface ContainerExit {
  exitCode: number;
  reason: "Completed" | "Error" | "OOMKilled" | "StartError";
  message?: string;
  signal?: number;
}

export interface ProbeAnswer {
  ok: boolean;
  /** The probe output the kubelet puts into the Unhealthy event. */
  output: string;
}

export interface RunningContainer {
  /** Simulated time of the next self-driven change (exit, file change), or undefined if none. */
  nextEventTime(): number | undefined;
  /** Advances to `now`; returns the exit if the process ended. */
  advance(now: number): ContainerExit | undefined;
  /** Sends SIGTERM at `now`; returns when (absolute sim ms) it exits on its own, or undefined if it ignores it. */
  terminate(now: number): { at: number; exit: ContainerExit } | undefined;
  /** Answers a liveness/readiness/startup probe at `now`. */
  probe(probe: Probe, now: number, podIP: string): ProbeAnswer;
  /** Log lines written so far (for `kubectl logs`). */
  logs(): readonly string[];
}

export interface ContainerModel {
  pullImage(image: string | undefined): PullOutcome;
  start(pod: Pod, container: Container, now: number, volumes: VolumeFiles): RunningContainer;
}

/** Files per volume, kept by the kubelet so emptyDir/PVC data outlives a container restart. */
export interface VolumeFiles {
  forPath(path: string): Set<string> | undefined;
}

// ContainerModel is what the kubelet needs from the container behaviour model (kubelet/behaviour): how
// big an image is and whether it can be pulled, and, for a started container, when it exits on its own,
// how it answers SIGTERM, and how it answers probes. runtimeAdapter.ts implements it.
import type { ProcessHost } from "./behaviour";
import type { Container, Pod, Probe } from "../api/types";
import type { VolumeStore } from "./behaviour/containerFs";

export type PullOutcome =
  | { ok: true; sizeBytes: number; imageRef: string; digest: string; durationMs: number }
  | {
      ok: false;
      reason: "ErrImagePull" | "InvalidImageName";
      /** The container's waiting message (the CRI error). */
      message: string;
      /** The Failed event's message (`Failed to pull image "x": ...`). */
      eventMessage: string;
      durationMs: number;
    };

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
  /** The probe could not run at all ("probe errored and resulted in unknown state"). */
  errored?: boolean;
}

export interface RunningContainer {
  /** Simulated time of the next self-driven change (exit, file change), or undefined if none. */
  nextEventTime(): number | undefined;
  /** Advances to `now`; returns the exit if the process ended. */
  advance(now: number): ContainerExit | undefined;
  /** Sends SIGTERM at `now`; returns the exit if the process ends on it, undefined if it ignores it. */
  terminate(now: number): { at: number; exit: ContainerExit } | undefined;
  /** Answers a liveness/readiness/startup probe at `now`. */
  probe(probe: Probe, now: number, podIP: string): ProbeAnswer;
  /** Log lines written so far (for `kubectl logs`). */
  logs(): readonly string[];
}

export interface StartOptions {
  now: number;
  podIP: string;
  volumes: VolumeStore;
  /** The node's network as a container process sees it (DNS, Services, Ingress): wget/curl go through it. */
  host?: ProcessHost;
}

export interface ContainerModel {
  pullImage(image: string | undefined): PullOutcome;
  start(pod: Pod, container: Container, opts: StartOptions): RunningContainer;
}

// ContainerChaos sits between the kubelets and the container behaviour model and lets chaos verbs change
// how a running container answers its readiness probe (`sim pod unready`): the probe fails as that kind
// of probe fails upstream (prober/http.go "HTTP probe failed with statuscode: 503", tcp.go's dial error,
// an exec probe's non-zero exit), so the kubelet's ProbeWorker, the Ready condition, the Unhealthy
// events and the EndpointSlice all follow from the real code paths.
import type { Container, Pod, Probe } from "../../api/types";
import type { ContainerExit, ContainerModel, ProbeAnswer, PullOutcome, RunningContainer, StartOptions } from "../../kubelet/containerModel";

function key(podUid: string, container: string): string {
  return `${podUid}/${container}`;
}

/** What a failing probe of this handler prints (the kubelet's Unhealthy event message after "failed: "). */
export function failingProbeOutput(probe: Probe, podIP: string): string {
  if (probe.httpGet) return "HTTP probe failed with statuscode: 503";
  if (probe.tcpSocket) {
    const port = probe.tcpSocket.port;
    return `dial tcp ${podIP}:${typeof port === "number" ? port : String(port)}: connect: connection refused`;
  }
  if (probe.grpc) return `timeout: failed to connect service "${podIP}:${probe.grpc.port}" within 1s: context deadline exceeded`;
  return "";
}

/**
 * A started container whose readiness probe chaos may fail. Only containers with a readiness probe are
 * wrapped: for the others the wrapper would only pass calls through (a probe is never `undefined`).
 */
class ChaosContainer implements RunningContainer {
  constructor(
    private readonly proc: RunningContainer,
    private readonly container: Container,
    private readonly podUid: string,
    private readonly chaos: ContainerChaos,
  ) {}
  nextEventTime(): number | undefined {
    return this.proc.nextEventTime();
  }
  advance(now: number): ContainerExit | undefined {
    return this.proc.advance(now);
  }
  terminate(now: number): { at: number; exit: ContainerExit } | undefined {
    return this.proc.terminate(now);
  }
  logs(): readonly string[] {
    return this.proc.logs();
  }
  probe(probe: Probe, now: number, podIP: string): ProbeAnswer {
    // The kubelet hands the spec's own probe object: identity tells the readiness probe apart.
    if (probe === this.container.readinessProbe && this.chaos.isUnready(this.podUid, this.container.name)) return { ok: false, output: failingProbeOutput(probe, podIP) };
    return this.proc.probe(probe, now, podIP);
  }
}

export class ContainerChaos implements ContainerModel {
  /** pod uid/container → the readiness probe fails. */
  private readonly unready = new Set<string>();

  constructor(private readonly inner: ContainerModel) {}

  pullImage(image: string | undefined): PullOutcome {
    return this.inner.pullImage(image);
  }

  start(pod: Pod, container: Container, opts: StartOptions): RunningContainer {
    const proc = this.inner.start(pod, container, opts);
    return container.readinessProbe ? new ChaosContainer(proc, container, pod.metadata.uid, this) : proc;
  }

  /** Makes (or stops making) a container's readiness probe fail. */
  setUnready(podUid: string, container: string, on: boolean): void {
    if (on) this.unready.add(key(podUid, container));
    else this.unready.delete(key(podUid, container));
  }

  isUnready(podUid: string, container: string): boolean {
    return this.unready.size > 0 && this.unready.has(key(podUid, container));
  }
}

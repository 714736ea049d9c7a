// ContainerChaos sits between the kubelets and the container behaviour model and lets chaos verbs change
// how a running container answers its readiness probe (`sim pod unready`): the probe fails as that kind
// of probe fails upstream (prober/http.go "HTTP probe failed with statuscode: 503", tcp.go's dial error,
// an exec probe's non-zero exit), so the kubelet's ProbeWorker, the Ready condition, the Unhealthy
// events and the EndpointSlice all follow from the real code paths.
import type { Container, Pod, Probe } from "../../api/types";
import type { ContainerModel, ProbeAnswer, PullOutcome, RunningContainer, StartOptions } from "../../kubelet/containerModel";

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

export class ContainerChaos implements ContainerModel {
  /** pod uid/container → the readiness probe fails. */
  private readonly unready = new Set<string>();

  constructor(private readonly inner: ContainerModel) {}

  pullImage(image: string | undefined): PullOutcome {
    return this.inner.pullImage(image);
  }

  start(pod: Pod, container: Container, opts: StartOptions): RunningContainer {
    const proc = this.inner.start(pod, container, opts);
    const k = key(pod.metadata.uid, container.name);
    const unready = this.unready;
    return {
      nextEventTime: () => proc.nextEventTime(),
      advance: (now) => proc.advance(now),
      terminate: (now) => proc.terminate(now),
      logs: () => proc.logs(),
      probe(probe: Probe, now: number, podIP: string): ProbeAnswer {
        // The kubelet hands the spec's own probe object: identity tells the readiness probe apart.
        if (probe === container.readinessProbe && unready.has(k)) return { ok: false, output: failingProbeOutput(probe, podIP) };
        return proc.probe(probe, now, podIP);
      },
    };
  }

  /** Makes (or stops making) a container's readiness probe fail. */
  setUnready(podUid: string, container: string, on: boolean): void {
    if (on) this.unready.add(key(podUid, container));
    else this.unready.delete(key(podUid, container));
  }

  isUnready(podUid: string, container: string): boolean {
    return this.unready.has(key(podUid, container));
  }
}

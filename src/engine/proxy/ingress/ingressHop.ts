// The second hop of a request that reached an ingress-nginx controller pod: nginx matches Host and path
// against the handled Ingresses and proxies to the backend Service's ready endpoints directly (it watches
// EndpointSlices itself, bypassing the cluster IP), round-robin — ingress-nginx's default `load-balance`.
// When nginx cannot reach a backend it answers itself: 404 from the default backend, 503 when the Service
// has no ready endpoint, 502 when the upstream refuses, 504 when it times out.
// mirrors ingress-nginx's upstream selection (rootfs/etc/nginx/lua/balancer/round_robin.lua) and its
// error pages (nginx's built-in pages with server_tokens off).
import type { Pod } from "../../api/types";
import type { ClusterNetwork, Landing, Visit } from "../network";
import type { PortRules } from "../rules";
import { INGRESS_NGINX } from "./ingressController";

const REASON: Readonly<Record<number, string>> = { 404: "Not Found", 502: "Bad Gateway", 503: "Service Temporarily Unavailable", 504: "Gateway Time-out" };

/** nginx's built-in error page as ingress-nginx serves it. */
export function nginxErrorPage(status: number): string {
  const title = `${status} ${REASON[status] ?? ""}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

export function isIngressControllerPod(pod: Pod): boolean {
  const l = pod.metadata.labels;
  return pod.metadata.namespace === INGRESS_NGINX.namespace && l?.["app.kubernetes.io/name"] === "ingress-nginx" && l["app.kubernetes.io/component"] === "controller";
}

export class IngressForwarder {
  /** Round-robin position per upstream (service port). */
  private readonly next = new Map<string, number>();

  constructor(private readonly net: ClusterNetwork) {}

  /** Forwards `count` requests that reached `controller` for (host, path). */
  forward(controller: Pod, host: string, path: string, count: number, visit: Visit): void {
    const route = this.net.ingress.table().route(host, path);
    const answer = (status: number, serviceKey: string | undefined): void => visit({ ok: false, error: "http", serviceKey, pod: controller, status, body: nginxErrorPage(status) }, count);
    if (route.kind === "default") return answer(404, undefined);
    const b = route.backend;
    const serviceKey = `${b.namespace}/${b.service}`;
    const port = this.upstream(serviceKey, b.port);
    const eps = port ? port.categorized(undefined).cluster.filter((e) => e.ready) : [];
    if (eps.length === 0) return answer(503, serviceKey);
    const from = this.net.podClient(controller);
    const start = this.next.get(serviceKey) ?? 0;
    this.next.set(serviceKey, (start + count) % eps.length);
    const base = Math.floor(count / eps.length);
    const rest = count % eps.length;
    for (let k = 0; k < eps.length; k++) {
      const i = (start + k) % eps.length;
      const n = base + (k < rest ? 1 : 0);
      if (n === 0) continue;
      this.net.endpoint(from, eps[i]!, serviceKey, n, (l: Landing, c: number) => {
        if (l.ok) return visit(l, c);
        const status = l.error === "refused" ? 502 : 504;
        visit({ ok: false, error: "http", serviceKey, pod: controller, status, body: nginxErrorPage(status) }, c);
      });
    }
  }

  /** The Service port an Ingress backend names (by number or by name). */
  private upstream(serviceKey: string, port: number | string): PortRules | undefined {
    const svc = this.net.proxy.latest.services.get(serviceKey);
    if (!svc) return undefined;
    return svc.ports.find((p) => (typeof port === "number" ? p.info.port === port : p.info.portName === port));
  }
}

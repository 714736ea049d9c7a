// `kubectl get services`: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE; wide: SELECTOR.
// mirrors printService, getServiceExternalIP, loadBalancerStatusStringer, makePortString
// (k/k pkg/printers/internalversion/printers.go).
import { formatLabels } from "../labels";
import type { KubeObject } from "../../../api/types";
import { age, arr, col, field, int, rec, str, NAME, type Cell, type KindPrinter } from "./types";

/** loadBalancerWidth: the EXTERNAL-IP of a LoadBalancer is clipped to 16 bytes unless `-o wide`. */
const LOAD_BALANCER_WIDTH = 16;

// mirrors loadBalancerStatusStringer (also used for Ingress ADDRESS): unique IPs/hostnames, sorted.
// The server always builds wide cells, so `kubectl get` never shows the clipped form; it is kept for callers.
export function loadBalancerStatusStringer(status: unknown, wide: boolean): string {
  const result = new Set<string>();
  for (const ing of arr(field(status, "ingress"))) {
    const ip = str(rec(ing).ip);
    const host = str(rec(ing).hostname);
    if (ip !== "") result.add(ip);
    else if (host !== "") result.add(host);
  }
  let r = [...result].sort().join(",");
  if (!wide && r.length > LOAD_BALANCER_WIDTH) r = r.slice(0, LOAD_BALANCER_WIDTH - 3) + "...";
  return r;
}

// mirrors getServiceExternalIP
export function serviceExternalIP(svc: KubeObject, wide: boolean): string {
  const spec = rec(svc.spec);
  const externalIPs = arr<string>(spec.externalIPs);
  switch (spec.type) {
    case "ClusterIP":
    case "NodePort":
      return externalIPs.length > 0 ? externalIPs.join(",") : "<none>";
    case "LoadBalancer": {
      const lbIps = loadBalancerStatusStringer(field(svc, "status", "loadBalancer"), wide);
      if (externalIPs.length > 0) {
        const results = lbIps.length > 0 ? lbIps.split(",") : [];
        return [...results, ...externalIPs].join(",");
      }
      return lbIps.length > 0 ? lbIps : "<pending>";
    }
    case "ExternalName":
      return str(spec.externalName);
  }
  return "<unknown>";
}

// mirrors makePortString: "80/TCP", "80:30080/TCP", joined by ",".
export function makePortString(ports: unknown): string {
  return arr(ports)
    .map((p) => {
      const port = rec(p);
      const protocol = str(port.protocol) || "TCP";
      const nodePort = int(port.nodePort);
      return nodePort > 0 ? `${int(port.port)}:${nodePort}/${protocol}` : `${int(port.port)}/${protocol}`;
    })
    .join(",");
}

export const servicePrinter: KindPrinter = {
  columns: [NAME, col("Type"), col("Cluster-IP"), col("External-IP"), col("Port(s)"), col("Age"), col("Selector", 1)],
  row(obj: KubeObject, now: number): Cell[] {
    const spec = rec(obj.spec);
    const clusterIPs = arr<string>(spec.clusterIPs);
    const internalIP = clusterIPs.length > 0 ? (clusterIPs[0] as string) : "<none>";
    const ports = makePortString(spec.ports) || "<none>";
    const selector = spec.selector as Record<string, string> | undefined;
    return [obj.metadata.name, str(spec.type), internalIP, serviceExternalIP(obj, true), ports, age(obj, now), formatLabels(selector)];
  },
};

// `kubectl cluster-info`: the control plane URL and the cluster services of kube-system (those labelled
// kubernetes.io/cluster-service=true), as on a kind cluster. mirrors kubectl
// pkg/cmd/clusterinfo/clusterinfo.go (Run, printService) without the terminal colours.
import { resolveResource } from "../../api/registry";
import type { CommandDef } from "../command";
import { str } from "../flags";

/** The API server URL of a kind cluster's kubeconfig. */
export const CONTROL_PLANE_URL = "https://127.0.0.1:6443";

interface ServicePort {
  name?: string;
  port?: number;
}

// mirrors utilnet.JoinSchemeNamePort
function joinSchemeNamePort(scheme: string, name: string, port: string): string {
  if (scheme) return `${scheme}:${name}:${port}`;
  if (port) return `${name}:${port}`;
  return name;
}

export const clusterInfoCommand: CommandDef = {
  name: "cluster-info",
  short: "Display cluster information",
  use: "cluster-info [flags]",
  flags: [],
  run(ctx, p) {
    const namespace = str(p, "namespace") || "kube-system";
    const services = ctx.env.api.list(ctx.actor, resolveResource("services")!, namespace, (o) => o.metadata.labels?.["kubernetes.io/cluster-service"] === "true");
    let s = `Kubernetes control plane is running at ${CONTROL_PLANE_URL}\n`;
    for (const svc of services) {
      let link = "";
      const ingress = (svc.status?.loadBalancer?.ingress ?? []) as { ip?: string; hostname?: string }[];
      const ports = (svc.spec?.ports ?? []) as ServicePort[];
      if (ingress.length > 0) {
        const ip = ingress[0]!.ip || ingress[0]!.hostname || "";
        for (const port of ports) link += `http://${ip}:${port.port ?? 0} `;
      } else {
        let name = svc.metadata.name;
        if (ports.length > 0) {
          const port = ports[0]!;
          const scheme = port.name === "https" || port.port === 443 ? "https" : "";
          name = joinSchemeNamePort(scheme, svc.metadata.name, port.name ?? "");
        }
        link = `${CONTROL_PLANE_URL}/api/v1/namespaces/${svc.metadata.namespace}/services/${name}/proxy`;
      }
      s += `${svc.metadata.labels?.["kubernetes.io/name"] || svc.metadata.name} is running at ${link}\n`;
    }
    s += "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";
    ctx.out.out(s);
  },
};

// `sim ingress enable`: installs the ingress-nginx controller (ingressAddon.ts), as
// `kubectl apply -f .../ingress-nginx/.../deploy.yaml` or `minikube addons enable ingress` would, printing
// what kubectl apply prints. Ingresses of class "nginx" then get an ADDRESS once the controller pod is
// ready, and their hosts answer `sim curl` / `sim traffic`.
import { ApiError } from "../../apiserver/errors";
import type { CommandResult } from "../../kubectl/env";
import { resolveResource } from "../../api/registry";
import { nameLine } from "../../kubectl/util/names";
import type { Cluster } from "../../sim/cluster";
import { ingressNginxObjects } from "./ingressAddon";

export const INGRESS_HELP = `  sim ingress enable                         Install the ingress-nginx controller (IngressClass "nginx")
`;

export function runIngress(cluster: Cluster, args: readonly string[]): CommandResult {
  if (args.length !== 1 || args[0] !== "enable") return { out: "", err: "error: usage: sim ingress enable\n", code: 1 };
  let out = "";
  for (const obj of ingressNginxObjects()) {
    const rt = resolveResource(obj.kind.toLowerCase())!;
    try {
      cluster.api.create("kubectl", obj, obj.metadata.namespace);
      out += nameLine(rt, obj.metadata.name, "created");
    } catch (e) {
      if (!(e instanceof ApiError) || e.code !== 409) throw e;
      out += nameLine(rt, obj.metadata.name, "unchanged");
    }
  }
  return { out, err: "", code: 0 };
}

// `kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=…]
// [--name=name] [--type=type] …`: a Service that selects what a pod, Service, ReplicationController,
// Deployment or ReplicaSet selects, on the ports it declares.
// mirrors kubectl pkg/cmd/expose/expose.go (RunExpose, createService, parseLabels) and
// pkg/polymorphichelpers (canBeExposed, mapBasedSelectorForObject, portsForObject, multiProtocolsForObject):
// - the Service is named after the object (first 63 characters) unless --name;
// - its selector is the object's (pod: its labels; Deployment/ReplicaSet: matchLabels only);
// - without --port, the object's ports: one becomes the port, several become ports named port-1, port-2…;
// - targetPort is --target-port for every port, else the port itself;
// - labels are the object's unless --labels.
import type { KubeObject } from "../../api/types";
import { resolveResource } from "../../api/registry";
import type { CommandContext, CommandDef } from "../command";
import { bool, str, strs, type ParsedArgs } from "../flags";
import { printJSON, printYAML } from "../printers/output";
import { fail, toFailure, usageError, CommandFailure, type Failure } from "../util/errors";
import { selectFromFiles } from "../util/files";
import { withLastApplied } from "../util/lastApplied";
import { nameLine } from "../util/names";
import { MUTATION_OUTPUT_FORMATS, noCompatiblePrinter } from "../util/printFlags";
import { selectResources, PATHS_AND_ARGS_MESSAGE, MISSING_RESOURCES_MESSAGE } from "../util/resources";

const SERVICES = resolveResource("services")!;

/** validation.DNS1035LabelMaxLength */
const DNS1035_LABEL_MAX_LENGTH = 63;

type Labels = Record<string, string>;

// mirrors canBeExposed: schema.GroupKind.String() is "Kind" or "Kind.group".
function canBeExposed(obj: KubeObject): void {
  const group = obj.apiVersion.includes("/") ? obj.apiVersion.split("/")[0]! : "";
  const gk = group ? `${obj.kind}.${group}` : obj.kind;
  const ok = ["ReplicationController", "Service", "Pod", "Deployment.apps", "ReplicaSet.apps", "Deployment.extensions", "ReplicaSet.extensions"];
  if (!ok.includes(gk)) fail(`cannot expose a ${gk}`);
}

// Go's %+v of []LabelSelectorRequirement.
function formatExpressions(exprs: { key: string; operator: string; values?: string[] }[]): string {
  return `[${exprs.map((e) => `{Key:${e.key} Operator:${e.operator} Values:[${(e.values ?? []).join(" ")}]}`).join(" ")}]`;
}

// mirrors mapBasedSelectorForObject (the caller wraps its errors).
function selectorFor(obj: KubeObject): Labels {
  const spec = (obj.spec ?? {}) as { selector?: unknown; template?: { metadata?: { labels?: Labels } } };
  switch (obj.kind) {
    case "ReplicationController":
      return (spec.selector as Labels | undefined) ?? {};
    case "Pod":
      if (Object.keys(obj.metadata.labels ?? {}).length === 0) throw new Error("the pod has no labels and cannot be exposed");
      return obj.metadata.labels!;
    case "Service":
      if (spec.selector == null) throw new Error("the service has no pod selector set");
      return spec.selector as Labels;
    default: {
      const what = obj.kind === "Deployment" ? "deployment" : "replicaset";
      const sel = spec.selector as { matchLabels?: Labels; matchExpressions?: { key: string; operator: string; values?: string[] }[] } | undefined;
      if (!sel || Object.keys(sel.matchLabels ?? {}).length === 0) throw new Error(`invalid ${what}: no selectors, therefore cannot be exposed`);
      if ((sel.matchExpressions ?? []).length > 0) throw new Error(`couldn't convert expressions - "${formatExpressions(sel.matchExpressions!)}" to map-based selector format`);
      return sel.matchLabels!;
    }
  }
}

interface PortLike {
  containerPort?: number;
  port?: number;
  protocol?: string;
}

/** The pod spec's containers' ports, or the Service's ports: [port, protocol] deduplicated by port (portsForObject). */
function portsFor(obj: KubeObject): { ports: string[]; protocols: Map<string, string[]> } {
  const list: PortLike[] = [];
  if (obj.kind === "Service") {
    for (const p of ((obj.spec as { ports?: PortLike[] } | undefined)?.ports ?? [])) list.push({ port: p.port, protocol: p.protocol });
  } else {
    const podSpec = obj.kind === "Pod" ? obj.spec : (obj.spec as { template?: { spec?: unknown } } | undefined)?.template?.spec;
    for (const c of ((podSpec as { containers?: { ports?: PortLike[] }[] } | undefined)?.containers ?? [])) {
      for (const p of c.ports ?? []) list.push({ port: p.containerPort, protocol: p.protocol });
    }
  }
  const ports: string[] = [];
  const protocols = new Map<string, string[]>();
  for (const p of list) {
    const key = String(p.port ?? 0);
    if (!ports.includes(key)) ports.push(key);
    protocols.set(key, [...(protocols.get(key) ?? []), p.protocol || "TCP"]);
  }
  return { ports, protocols };
}

// mirrors parseLabels
function parseLabels(spec: string): Labels {
  if (spec.length === 0) throw new Error("no label spec passed");
  const out: Labels = {};
  for (const item of spec.split(",")) {
    const kv = item.split("=");
    if (kv.length !== 2) throw new Error(`unexpected label spec: ${item}`);
    if (kv[0]!.length === 0) throw new Error("unexpected empty label key");
    out[kv[0]!] = kv[1]!;
  }
  return out;
}

/** strconv.Atoi */
function atoi(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  return Number(s);
}

/** intstr.Parse */
function intOrString(s: string): number | string {
  return /^-?\d+$/.test(s) ? Number(s) : s;
}

// mirrors createService
function createService(p: ParsedArgs, defaultName: string, selector: Labels, labels: Labels | undefined, portString: string, protocols: Map<string, string[]>): KubeObject {
  const name = str(p, "name") || defaultName;
  if (!name) throw new Error("name must be specified");
  const ports: { name?: string; port: number; protocol: string; targetPort?: number | string }[] = [];
  const protocolFlag = str(p, "protocol") ?? "";
  if (portString.length > 0) {
    const parts = portString.split(",");
    parts.forEach((ps, i) => {
      const port = atoi(ps);
      const portName = parts.length > 1 ? `port-${i + 1}` : undefined;
      let protocol = protocolFlag;
      if (protocol === "" && protocols.size === 0) protocol = "TCP";
      else if (protocol === "" && protocols.size > 0) {
        protocol = "TCP";
        const found = protocols.get(ps);
        if (found && found.length === 1) protocol = found[0]!;
        else if (found && found.length > 1) {
          for (const proto of found) ports.push({ name: `port-${i + 1}-${proto.toLowerCase()}`, port, protocol: proto });
          return;
        }
      }
      ports.push({ ...(portName ? { name: portName } : {}), port, protocol });
    });
  }
  const target = str(p, "target-port") ?? "";
  for (const sp of ports) sp.targetPort = target.length > 0 ? intOrString(target) : sp.port;
  // ServiceSpec.ports is omitempty: a headless Service without ports has none.
  const spec: Record<string, unknown> = { ...(ports.length > 0 ? { ports } : {}), selector };
  if (str(p, "external-ip")) spec.externalIPs = [str(p, "external-ip")];
  const type = str(p, "type") ?? "";
  if (type) spec.type = type;
  if (type === "LoadBalancer" && str(p, "load-balancer-ip")) spec.loadBalancerIP = str(p, "load-balancer-ip");
  const affinity = str(p, "session-affinity") ?? "";
  if (affinity) {
    if (affinity !== "None" && affinity !== "ClientIP") throw new Error(`unknown session affinity: ${affinity}`);
    spec.sessionAffinity = affinity;
  }
  const clusterIP = str(p, "cluster-ip") ?? "";
  if (clusterIP) spec.clusterIP = clusterIP;
  return { apiVersion: "v1", kind: "Service", metadata: { name, ...(labels ? { labels } : {}) }, spec } as unknown as KubeObject;
}

function exposeOne(ctx: CommandContext, p: ParsedArgs, obj: KubeObject): void {
  canBeExposed(obj);
  let selector: Labels;
  try {
    selector = str(p, "selector") ? parseLabels(str(p, "selector")!) : selectorFor(obj);
  } catch (e) {
    fail(`couldn't retrieve selectors via --selector flag or introspection: ${(e as Error).message}`);
  }
  if (Object.keys(selector).length === 0) fail("selector must be specified");
  const headless = str(p, "cluster-ip") === "None";
  const { ports, protocols } = portsFor(obj);
  let portString = str(p, "port") ?? "";
  if (portString.length === 0) {
    if (ports.length === 0 && !headless) fail("couldn't find port via --port flag or introspection");
    portString = ports.join(",");
  }
  let labels: Labels | undefined;
  try {
    labels = str(p, "labels") ? parseLabels(str(p, "labels")!) : Object.keys(obj.metadata.labels ?? {}).length > 0 ? { ...obj.metadata.labels } : undefined;
  } catch (e) {
    fail((e as Error).message);
  }
  let svc: KubeObject;
  try {
    svc = createService(p, obj.metadata.name.slice(0, DNS1035_LABEL_MAX_LENGTH), selector, labels, portString, protocols);
  } catch (e) {
    fail((e as Error).message);
  }
  const dryRun = str(p, "dry-run") ?? "none";
  if (!["none", "client", "server"].includes(dryRun)) fail(`Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".`);
  const output = str(p, "output") ?? "";
  let shown: KubeObject = svc;
  if (dryRun === "none" || dryRun === "server") {
    const toCreate = bool(p, "save-config") ? withLastApplied(svc) : svc;
    shown = dryRun === "server" ? { ...toCreate, metadata: { ...toCreate.metadata, namespace: ctx.namespace } } : ctx.env.api.create(ctx.actor, toCreate, ctx.namespace);
  } else if (ctx.enforceNamespace) {
    shown = { ...svc, metadata: { ...svc.metadata, namespace: ctx.namespace } };
  }
  if (output === "json") ctx.out.out(printJSON([shown], true));
  else if (output === "yaml") ctx.out.out(printYAML([shown], true));
  else if (output === "name") ctx.out.out(nameLine(SERVICES, shown.metadata.name));
  else {
    const suffix = dryRun === "client" ? " (dry run)" : dryRun === "server" ? " (server dry run)" : "";
    ctx.out.out(nameLine(SERVICES, shown.metadata.name, `exposed${suffix}`));
  }
}

function runExpose(ctx: CommandContext, p: ParsedArgs): Failure[] {
  const output = str(p, "output") ?? "";
  if (output !== "" && !(MUTATION_OUTPUT_FORMATS as readonly string[]).includes(output.split("=")[0]!)) noCompatiblePrinter(output, MUTATION_OUTPUT_FORMATS);
  if (output !== "" && !["json", "yaml", "name"].includes(output)) fail(`Kubelab does not support -o ${output.split("=")[0]} yet`);
  const filenames = strs(p, "filename");
  if (filenames.length > 0 && p.positional.length > 0) fail(PATHS_AND_ARGS_MESSAGE);
  if (filenames.length === 0 && p.positional.length === 0) {
    throw new CommandFailure([usageError(ctx.commandPath, MISSING_RESOURCES_MESSAGE)]);
  }
  const selection = filenames.length > 0 ? selectFromFiles(ctx, filenames, bool(p, "recursive")) : selectResources(ctx, p.positional, { fetch: true });
  const failures = [...selection.failures];
  for (const info of selection.infos) {
    try {
      const obj = filenames.length > 0 ? ctx.env.api.get(ctx.actor, info.type, info.namespace, info.name) : info.object!;
      exposeOne(ctx, p, obj);
    } catch (e) {
      return [...failures, ...(e instanceof CommandFailure ? e.failures : [toFailure(e)])];
    }
  }
  return failures;
}

export const exposeCommand: CommandDef = {
  name: "expose",
  short: "Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service",
  use: "expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type]",
  flags: [
    { name: "protocol", kind: "string" },
    { name: "port", kind: "string" },
    { name: "type", kind: "string" },
    { name: "load-balancer-ip", kind: "string" },
    { name: "selector", kind: "string" },
    { name: "labels", short: "l", kind: "string" },
    { name: "target-port", kind: "string" },
    { name: "external-ip", kind: "string" },
    { name: "name", kind: "string" },
    { name: "session-affinity", kind: "string" },
    { name: "cluster-ip", kind: "string" },
    { name: "filename", short: "f", kind: "stringArray" },
    { name: "recursive", short: "R", kind: "bool" },
    { name: "dry-run", kind: "string" },
    { name: "output", short: "o", kind: "string" },
    { name: "save-config", kind: "bool" },
    { name: "field-manager", kind: "string", default: "kubectl-expose" },
    { name: "overrides", kind: "string" },
    { name: "record", kind: "bool" },
    { name: "allow-missing-template-keys", kind: "bool", default: true },
    { name: "show-managed-fields", kind: "bool" },
    { name: "template", kind: "string" },
    { name: "kustomize", short: "k", kind: "string" },
  ],
  run: runExpose,
};

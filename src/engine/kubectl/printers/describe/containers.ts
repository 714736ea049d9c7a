// The "Containers:" section of pod and pod-template descriptions, and DescribePodTemplate.
// mirrors describeContainers, describeContainerBasicInfo, describeContainerCommand, describeContainerState,
// describeStatus, describeResources, describeContainerProbe, DescribeProbe, describeContainerEnvFrom,
// describeContainerEnvVars, describeContainerVolumes and DescribePodTemplate (kubectl pkg/describe/describe.go).
import type { Container, ContainerState, ContainerStatus, EnvVar, Pod, PodTemplateSpec, Probe, TopologySpreadConstraint } from "../../../api/types";
import { formatLabelSelector } from "../../../apimachinery/labels";
import { milliValue, parseQuantity, value as quantityValue } from "../../../apimachinery/quantity";
import { quantityString } from "../columns/quantity";
import { arr, field, rec, str } from "../columns/types";
import { formatRFC1123Z, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, printBool, printLabelsMultiline, printAnnotationsMultiline, printTolerationsMultiline, type PrefixWriter } from "./prefixWriter";
import { describeVolumes } from "./volumes";

/** Resolves a fieldRef env var against the pod (EnvValueRetriever); absent for pod templates. */
export type EnvResolver = (e: EnvVar) => string;

// mirrors fieldpath.ExtractFieldPathAsString for the paths the API accepts in a pod's env.
export function podEnvResolver(pod: Pod): EnvResolver {
  return (e) => {
    const path = str(field(e.valueFrom, "fieldRef", "fieldPath"));
    const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
    if (m) return (m[1] === "labels" ? pod.metadata.labels : pod.metadata.annotations)?.[m[2] as string] ?? "";
    const values: Record<string, string | undefined> = {
      "metadata.name": pod.metadata.name,
      "metadata.namespace": pod.metadata.namespace,
      "metadata.uid": pod.metadata.uid,
      "spec.nodeName": pod.spec?.nodeName,
      "spec.serviceAccountName": pod.spec?.serviceAccountName,
      "status.hostIP": pod.status?.hostIP,
      "status.podIP": pod.status?.podIP,
    };
    return values[path] ?? "";
  };
}

const joinPorts = (c: Container, pick: (containerPort: number, hostPort: number | undefined) => number) =>
  (c.ports ?? []).map((p) => `${pick(p.containerPort, p.hostPort)}/${p.protocol ?? "TCP"}`).join(", ");

// mirrors DescribeProbe; the timings are the API server's defaults when a stored probe lacks them.
export function describeProbe(p: Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(" ")}] ${attrs}`;
  if (p.httpGet) {
    const port = String(p.httpGet.port);
    const host = p.httpGet.host ?? "";
    // net.JoinHostPort brackets IPv6 literals.
    const hostPort = port.length > 0 ? `${host.includes(":") ? `[${host}]` : host}:${port}` : host;
    return `http-get ${(p.httpGet.scheme ?? "HTTP").toLowerCase()}://${hostPort}${p.httpGet.path ?? ""} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ""}:${String(p.tcpSocket.port)} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ""} ${attrs}`;
  return `unknown ${attrs}`;
}

// mirrors describeStatus
function describeStatus(name: string, state: ContainerState, w: PrefixWriter): void {
  if (state.running) {
    w.write(LEVEL_2, `${name}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${formatRFC1123Z(state.running.startedAt)}\n`);
  } else if (state.waiting) {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${formatRFC1123Z(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${formatRFC1123Z(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
  }
}

// mirrors describeResources: limits then requests, each sorted by resource name.
export function describeResources(resources: Container["resources"], w: PrefixWriter, level: number): void {
  for (const [title, list] of [["Limits", resources?.limits], ["Requests", resources?.requests]] as const) {
    const names = Object.keys(list ?? {}).sort();
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const n of names) w.write(level + 1, `${n}:\t${quantityString((list as Record<string, string>)[n])}\n`);
  }
}

// mirrors ExtractContainerResourceValue for resourceFieldRef env vars: the value divided by the divisor, rounded up.
function resourceFieldValue(c: Container, ref: Record<string, unknown>): string {
  const resource = str(ref.resource);
  const [kind, name] = resource.split(".") as [string, string];
  const raw = (kind === "limits" ? c.resources?.limits : c.resources?.requests)?.[name];
  try {
    const q = parseQuantity(raw ?? "0");
    const divisor = parseQuantity(str(ref.divisor) || "1");
    if (name === "cpu") return String(Math.ceil(milliValue(q) / milliValue(divisor)));
    return String(Math.ceil(quantityValue(q) / quantityValue(divisor)));
  } catch {
    return "";
  }
}

function describeEnv(c: Container, resolve: EnvResolver | undefined, w: PrefixWriter): void {
  if (c.envFrom && c.envFrom.length > 0) {
    w.write(LEVEL_2, "Environment Variables from:\n");
    for (const e of c.envFrom) {
      const cm = rec(e).configMapRef;
      const sec = rec(e).secretRef;
      const [from, ref] = cm !== undefined ? ["ConfigMap", rec(cm)] : sec !== undefined ? ["Secret", rec(sec)] : ["", {} as Record<string, unknown>];
      const prefix = str(rec(e).prefix);
      const what = prefix ? `${from} with prefix '${prefix}'` : from;
      w.write(LEVEL_3, `${str(ref.name)}\t${what}\tOptional: ${ref.optional === true}\n`);
    }
  }
  const env = c.env ?? [];
  w.write(LEVEL_2, `Environment:${env.length === 0 ? "\t<none>" : ""}\n`);
  for (const e of env) {
    if (!e.valueFrom) {
      (e.value ?? "").split("\n").forEach((s, i) => w.write(LEVEL_3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
      continue;
    }
    const vf = rec(e.valueFrom);
    if (vf.fieldRef !== undefined) {
      const ref = rec(vf.fieldRef);
      w.write(LEVEL_3, `${e.name}:\t${resolve ? resolve(e) : ""} (${str(ref.apiVersion) || "v1"}:${str(ref.fieldPath)})\n`);
    } else if (vf.resourceFieldRef !== undefined) {
      const ref = rec(vf.resourceFieldRef);
      let v = resourceFieldValue(c, ref);
      if (v === "0" && (ref.resource === "limits.cpu" || ref.resource === "limits.memory")) v = "node allocatable";
      w.write(LEVEL_3, `${e.name}:\t${v} (${str(ref.resource)})\n`);
    } else if (vf.secretKeyRef !== undefined) {
      const ref = rec(vf.secretKeyRef);
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${str(ref.key)}' in secret '${str(ref.name)}'>\tOptional: ${ref.optional === true}\n`);
    } else if (vf.configMapKeyRef !== undefined) {
      const ref = rec(vf.configMapKeyRef);
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${str(ref.key)}' of config map '${str(ref.name)}'>\tOptional: ${ref.optional === true}\n`);
    }
  }
}

function describeMounts(c: Container, w: PrefixWriter): void {
  const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
  w.write(LEVEL_2, `Mounts:${mounts.length === 0 ? "\t<none>" : ""}\n`);
  for (const m of mounts) {
    const flags = [m.readOnly ? "ro" : "rw"];
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(",")})\n`);
  }
}

// mirrors the VolumeDevices half of describeContainerVolumes: sorted by device path.
function describeDevices(c: Container, w: PrefixWriter): void {
  const devices = arr(field(c, "volumeDevices")).map(rec);
  if (devices.length === 0) return;
  devices.sort((a, b) => (str(a.devicePath) < str(b.devicePath) ? -1 : str(a.devicePath) > str(b.devicePath) ? 1 : 0));
  // Upstream reuses the Mounts line's "\t<none>" suffix here.
  w.write(LEVEL_2, `Devices:${(c.volumeMounts ?? []).length === 0 ? "\t<none>" : ""}\n`);
  for (const d of devices) w.write(LEVEL_3, `${str(d.devicePath)} from ${str(d.name)}\n`);
}

// mirrors describeContainers; statuses are absent for pod templates.
export function describeContainers(label: string, containers: readonly Container[], statuses: readonly ContainerStatus[] | undefined, resolve: EnvResolver | undefined, w: PrefixWriter, space: string): void {
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]));
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? " <none>" : ""}\n`);
  const nameIndent = space.length > 0 ? " " : "";
  for (const c of containers) {
    const status = byName.get(c.name);
    w.write(LEVEL_1, `${nameIndent}${c.name}:\n`);
    if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ""}\n`);
    w.write(LEVEL_2, `Image:\t${c.image ?? ""}\n`);
    if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ""}\n`);
    const ports = joinPorts(c, (p) => p);
    w.write(LEVEL_2, ports.includes(",") ? `Ports:\t${ports}\n` : `Port:\t${ports || "<none>"}\n`);
    const hostPorts = joinPorts(c, (_p, h) => h ?? 0);
    w.write(LEVEL_2, hostPorts.includes(",") ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || "<none>"}\n`);
    const seccomp = field(c.securityContext, "seccompProfile");
    if (seccomp !== undefined && seccomp !== null) {
      w.write(LEVEL_2, `SeccompProfile:\t${str(field(seccomp, "type"))}\n`);
      if (field(seccomp, "type") === "Localhost") w.write(LEVEL_3, `LocalhostProfile:\t${str(field(seccomp, "localhostProfile"))}\n`);
    }
    for (const [title, lines] of [["Command", c.command], ["Args", c.args]] as const) {
      if (!lines || lines.length === 0) continue;
      w.write(LEVEL_2, `${title}:\n`);
      for (const line of lines) for (const s of line.split("\n")) w.write(LEVEL_3, `${s}\n`);
    }
    if (status) {
      describeStatus("State", status.state ?? {}, w);
      if (status.lastState?.terminated) describeStatus("Last State", status.lastState, w);
      w.write(LEVEL_2, `Ready:\t${printBool(status.ready)}\n`);
      w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    describeResources(c.resources, w, LEVEL_2);
    if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    describeEnv(c, resolve, w);
    describeMounts(c, w);
    describeDevices(c, w);
  }
}

// mirrors describeTopologySpreadConstraints: sorted by topology key, one line each.
export function describeTopologySpreadConstraints(tscs: readonly TopologySpreadConstraint[] | undefined, w: PrefixWriter, space: string): void {
  if (!tscs || tscs.length === 0) return;
  const sorted = [...tscs].sort((a, b) => (a.topologyKey < b.topologyKey ? -1 : a.topologyKey > b.topologyKey ? 1 : 0));
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  sorted.forEach((tsc, i) => {
    if (i !== 0) w.write(LEVEL_0, `${space}\t`);
    const selector = tsc.labelSelector ? ` for selector ${formatLabelSelector(tsc.labelSelector)}` : "";
    w.write(LEVEL_0, `${tsc.topologyKey}:${tsc.whenUnsatisfiable} when max skew ${tsc.maxSkew} is exceeded${selector}\n`);
  });
}

// mirrors DescribePodTemplate (used by Deployment, ReplicaSet, ReplicationController, Job...).
export function describePodTemplate(template: PodTemplateSpec | undefined, w: PrefixWriter): void {
  w.write(LEVEL_0, "Pod Template:\n");
  if (!template) {
    w.write(LEVEL_1, "<unset>");
    return;
  }
  printLabelsMultiline(w, "  Labels", template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) printAnnotationsMultiline(w, "  Annotations", template.metadata?.annotations);
  const spec = template.spec ?? { containers: [] };
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers && spec.initContainers.length > 0) describeContainers("Init Containers", spec.initContainers, undefined, undefined, w, "  ");
  describeContainers("Containers", spec.containers ?? [], undefined, undefined, w, "  ");
  describeVolumes(spec.volumes, w, "  ");
  describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, "  ");
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, "  Node-Selectors", spec.nodeSelector);
  printTolerationsMultiline(w, "  Tolerations", spec.tolerations);
}

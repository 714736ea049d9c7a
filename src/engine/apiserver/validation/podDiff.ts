// The diff appended to "pod updates may not change fields other than …".
// Upstream prints cmp.Diff(oldPod.Spec, mungedPodSpec) from github.com/google/go-cmp, whose output is
// deliberately unstable (it randomly swaps spaces for non-breaking spaces so nobody parses it). This mirrors
// its shape — the internal core.PodSpec, "-" old and "+" new lines, identical fields elided — field by
// field at the top level, with values in Go-like notation.
import { goQuote } from "./goFormat";

type Obj = Record<string, any>;

/** core.PodSpec field order, JSON name → Go name. Fields outside it are appended in object order. */
const POD_SPEC_FIELDS: ReadonlyArray<readonly [string, string]> = [
  ["volumes", "Volumes"], ["initContainers", "InitContainers"], ["containers", "Containers"],
  ["ephemeralContainers", "EphemeralContainers"], ["restartPolicy", "RestartPolicy"],
  ["terminationGracePeriodSeconds", "TerminationGracePeriodSeconds"], ["activeDeadlineSeconds", "ActiveDeadlineSeconds"],
  ["dnsPolicy", "DNSPolicy"], ["nodeSelector", "NodeSelector"], ["serviceAccountName", "ServiceAccountName"],
  ["automountServiceAccountToken", "AutomountServiceAccountToken"], ["nodeName", "NodeName"],
  ["securityContext", "SecurityContext"], ["imagePullSecrets", "ImagePullSecrets"], ["hostname", "Hostname"],
  ["subdomain", "Subdomain"], ["setHostnameAsFQDN", "SetHostnameAsFQDN"], ["affinity", "Affinity"],
  ["schedulerName", "SchedulerName"], ["tolerations", "Tolerations"], ["hostAliases", "HostAliases"],
  ["priorityClassName", "PriorityClassName"], ["priority", "Priority"], ["preemptionPolicy", "PreemptionPolicy"],
  ["dnsConfig", "DNSConfig"], ["readinessGates", "ReadinessGates"], ["runtimeClassName", "RuntimeClassName"],
  ["overhead", "Overhead"], ["enableServiceLinks", "EnableServiceLinks"],
  ["topologySpreadConstraints", "TopologySpreadConstraints"], ["os", "OS"], ["schedulingGates", "SchedulingGates"],
  ["resourceClaims", "ResourceClaims"], ["resources", "Resources"],
];
/** v1-only fields that live elsewhere (or nowhere) in core.PodSpec. */
const NOT_IN_CORE = new Set(["serviceAccount", "hostNetwork", "hostPID", "hostIPC", "shareProcessNamespace", "hostUsers"]);

function goName(jsonName: string): string {
  return jsonName.charAt(0).toUpperCase() + jsonName.slice(1);
}

// A Go-flavoured rendering of a value: quoted strings, nil for absent, {k: v} for composites.
function render(v: unknown): string {
  if (v === undefined || v === null) return "nil";
  if (typeof v === "string") return goQuote(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return "{" + v.map(render).join(", ") + "}";
  const o = v as Obj;
  return "{" + Object.keys(o).filter((k) => o[k] !== undefined).map((k) => `${goName(k)}: ${render(o[k])}`).join(", ") + "}";
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export function podSpecDiff(oldSpec: Obj, newSpec: Obj): string {
  const fields: Array<readonly [string, string]> = [...POD_SPEC_FIELDS];
  const known = new Set(fields.map(([j]) => j));
  for (const k of [...Object.keys(oldSpec), ...Object.keys(newSpec)]) {
    if (!known.has(k) && !NOT_IN_CORE.has(k)) {
      known.add(k);
      fields.push([k, goName(k)]);
    }
  }
  // go-cmp aligns the values of the records it prints; here, the changed ones.
  const changed = fields.filter(([json]) => !same(oldSpec[json], newSpec[json]));
  const width = Math.max(0, ...changed.map(([, g]) => g.length)) + 1;
  const lines = ["  core.PodSpec{"];
  let identical = 0;
  const flush = (): void => {
    if (identical > 0) lines.push(`  \t... // ${identical} identical field${identical === 1 ? "" : "s"}`);
    identical = 0;
  };
  for (const [json, go] of fields) {
    const a = oldSpec[json];
    const b = newSpec[json];
    if (same(a, b)) {
      identical++;
      continue;
    }
    flush();
    const label = `${go}:`.padEnd(width + 1);
    lines.push(`- \t${label}${render(a)},`);
    lines.push(`+ \t${label}${render(b)},`);
  }
  flush();
  lines.push("  }");
  return lines.join("\n") + "\n";
}

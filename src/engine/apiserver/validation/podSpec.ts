// PodSpec validation, shared by Pods and by every pod template.
// mirrors ValidatePodSpec, ValidateVolumes, validateContainers, validateInitContainers, ValidateTolerations,
// validateAffinity, validatePodDNSConfig, validateTopologySpreadConstraints and ValidatePodTemplateSpec
// (k/k pkg/apis/core/validation/validation.go, v1.34).
import { isDNS1123Subdomain, isValidLabelValue, isValidLabelValueFast } from "../../apimachinery/validation";
import { VOLUME_SOURCE_KEYS } from "../defaults/podSpec";
import { checkHostPortConflicts, pushAll, validateContainerCommon, validateDNS1123Label, validateProbesAndLifecycle } from "./container";
import { child, duplicate, forbidden, index, invalid, notSupported, required, type FieldError } from "./field";
import { isValidID, isValidIP } from "./formats";
import { validateLabelSelector } from "./labelSelector";
import { knownValid, newValidSet, rememberIfValid } from "./memo";
import { nameIsDNSLabel, nameIsDNSSubdomain, validateAnnotations, validateLabelName, validateLabels } from "./objectMeta";

type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === "string" ? v : v == null ? "" : String(v));

const RESTART_POLICIES = ["Always", "OnFailure", "Never"];
const DNS_POLICIES = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
const MAX_INT32 = 2147483647;
const NO_MESSAGES: readonly string[] = Object.freeze([]);
/** Shared frozen toleration lists and pod security contexts found valid (memo.ts). */
const VALID_TOLERATIONS = newValidSet();
const VALID_POD_SECURITY_CONTEXTS = newValidSet();
/** The volume names of a spec without volumes (never added to). */
const NO_VOLUMES: Set<string> = new Set();

// mirrors ValidateVolumes (sources are checked for exclusivity only; their contents are not modelled)
function validateVolumes(volumes: unknown, path: string): { names: Set<string>; errs: FieldError[] } {
  const names = new Set<string>();
  const errs: FieldError[] = [];
  list(volumes).forEach((raw, i) => {
    const v: Obj = isObj(raw) ? raw : {};
    const idx = index(path, i);
    const el: FieldError[] = [];
    let sources = 0;
    for (const k of VOLUME_SOURCE_KEYS) {
      if (v[k] == null) continue;
      // "downwarAPI" is upstream's own spelling in this error path.
      if (sources > 0) el.push(forbidden(child(idx, k === "downwardAPI" ? "downwarAPI" : k), "may not specify more than 1 volume type"));
      else sources++;
    }
    if (sources === 0) el.push(required(idx, "must specify a volume type"));
    const name = str(v.name);
    if (!name) el.push(required(child(idx, "name")));
    else el.push(...validateDNS1123Label(name, child(idx, "name")));
    if (names.has(name)) el.push(duplicate(child(idx, "name"), name));
    if (el.length === 0) names.add(name);
    else errs.push(...el);
  });
  return { names, errs };
}

// mirrors validateContainers
function validateContainers(containers: unknown, volumes: Set<string>, grace: number | undefined, path: string): FieldError[] {
  const cs = list(containers);
  if (cs.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  cs.forEach((raw, i) => {
    const c: Obj = isObj(raw) ? raw : {};
    const p = index(path, i);
    pushAll(errs, validateContainerCommon(c, volumes, p));
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(child(p, "name"), name));
    else names.add(name);
    pushAll(errs, validateProbesAndLifecycle(c, grace, p));
    if (c.restartPolicy != null) errs.push(forbidden(child(p, "restartPolicy"), "may not be set for non-init containers"));
  });
  pushAll(errs, checkHostPortConflicts(cs, path));
  return errs;
}

// mirrors validateInitContainers (sidecars: restartPolicy Always allows probes and lifecycle)
function validateInitContainers(inits: unknown, regular: unknown, volumes: Set<string>, grace: number | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(list(regular).map((c) => str(isObj(c) ? c.name : "")));
  list(inits).forEach((raw, i) => {
    const c: Obj = isObj(raw) ? raw : {};
    const p = index(path, i);
    errs.push(...validateContainerCommon(c, volumes, p));
    let restartAlways = false;
    if (c.restartPolicy != null) {
      if (c.restartPolicy !== "Always") errs.push(notSupported(child(p, "restartPolicy"), c.restartPolicy, ["Always"]));
      restartAlways = c.restartPolicy === "Always";
    }
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(child(p, "name"), name));
    else if (name) names.add(name);
    errs.push(...checkHostPortConflicts([c], path));
    if (restartAlways) errs.push(...validateProbesAndLifecycle(c, grace, p));
    else {
      for (const f of ["lifecycle", "livenessProbe", "readinessProbe", "startupProbe"]) {
        if (c[f] != null) errs.push(forbidden(child(p, f), "may not be set for init containers without restartPolicy=Always"));
      }
    }
  });
  return errs;
}

// mirrors ValidateTolerations
export function validateTolerations(tolerations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  list(tolerations).forEach((raw, i) => {
    const t: Obj = isObj(raw) ? raw : {};
    const idx = index(path, i);
    const k = str(t.key);
    if (k) pushAll(errs, validateLabelName(k, child(idx, "key")));
    if (!k && t.operator !== "Exists") {
      errs.push(invalid(child(idx, "operator"), str(t.operator), "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
    }
    if (t.tolerationSeconds != null && t.effect !== "NoExecute") {
      errs.push(invalid(child(idx, "effect"), str(t.effect), "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (t.operator === "Equal" || !t.operator) {
      const msgs = isValidLabelValueFast(str(t.value)) ? NO_MESSAGES : isValidLabelValue(str(t.value));
      if (msgs.length > 0) errs.push(invalid(child(idx, "operator"), str(t.value), msgs.join(";")));
    } else if (t.operator === "Exists") {
      if (str(t.value).length > 0) errs.push(invalid(child(idx, "operator"), str(t.value), "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(child(idx, "operator"), str(t.operator), ["Equal", "Exists"]));
    }
    if (t.effect && !TAINT_EFFECTS.includes(t.effect)) errs.push(notSupported(child(idx, "effect"), t.effect, TAINT_EFFECTS));
  });
  return errs;
}

// mirrors ValidateNodeSelectorRequirement
function validateNodeSelectorRequirement(raw: unknown, path: string): FieldError[] {
  const r: Obj = isObj(raw) ? raw : {};
  const values = list(r.values);
  const errs: FieldError[] = [];
  switch (r.operator) {
    case "In":
    case "NotIn":
      if (values.length === 0) errs.push(required(child(path, "values"), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case "Exists":
    case "DoesNotExist":
      if (values.length > 0) errs.push(forbidden(child(path, "values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case "Gt":
    case "Lt":
      if (values.length !== 1) errs.push(required(child(path, "values"), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(invalid(child(path, "operator"), str(r.operator), "not a valid selector operator"));
  }
  errs.push(...validateLabelName(str(r.key), child(path, "key")));
  values.forEach((v, i) => {
    for (const m of isValidLabelValue(str(v))) errs.push(invalid(index(child(path, "values"), i), str(v), m));
  });
  return errs;
}

function validateNodeSelectorTerm(raw: unknown, path: string): FieldError[] {
  const term: Obj = isObj(raw) ? raw : {};
  const errs: FieldError[] = [];
  list(term.matchExpressions).forEach((r, j) => errs.push(...validateNodeSelectorRequirement(r, index(child(path, "matchExpressions"), j))));
  list(term.matchFields).forEach((r, j) => {
    const req: Obj = isObj(r) ? r : {};
    const fp = index(child(path, "matchFields"), j);
    if (req.operator !== "In" && req.operator !== "NotIn") errs.push(invalid(child(fp, "operator"), str(req.operator), "not a valid selector operator"));
    else if (list(req.values).length !== 1) errs.push(required(child(fp, "values"), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    if (req.key !== "metadata.name") errs.push(invalid(child(fp, "key"), str(req.key), "not a valid field selector key"));
    else list(req.values).forEach((v, i) => {
      for (const m of nameIsDNSSubdomain(str(v), false)) errs.push(invalid(index(child(fp, "values"), i), str(v), m));
    });
  });
  return errs;
}

function validatePodAffinityTerm(raw: unknown, path: string): FieldError[] {
  const t: Obj = isObj(raw) ? raw : {};
  const errs = validateLabelSelector(t.labelSelector, false, child(path, "labelSelector"));
  errs.push(...validateLabelSelector(t.namespaceSelector, false, child(path, "namespaceSelector")));
  for (const ns of list(t.namespaces)) for (const m of nameIsDNSLabel(str(ns), false)) errs.push(invalid(child(path, "namespace"), str(ns), m));
  if (!t.topologyKey) errs.push(required(child(path, "topologyKey"), "can not be empty"));
  errs.push(...validateLabelName(str(t.topologyKey), child(path, "topologyKey")));
  return errs;
}

// mirrors validateAffinity (node, pod and pod anti-affinity)
function validateAffinity(affinity: unknown, path: string): FieldError[] {
  if (!isObj(affinity)) return [];
  const errs: FieldError[] = [];
  const na = affinity.nodeAffinity;
  if (isObj(na)) {
    const np = child(path, "nodeAffinity");
    const req = na.requiredDuringSchedulingIgnoredDuringExecution;
    if (isObj(req)) {
      const tp = child(np, "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms");
      const terms = list(req.nodeSelectorTerms);
      if (terms.length === 0) errs.push(required(tp, "must have at least one node selector term"));
      terms.forEach((t, i) => errs.push(...validateNodeSelectorTerm(t, index(tp, i))));
    }
    list(na.preferredDuringSchedulingIgnoredDuringExecution).forEach((raw, i) => {
      const term: Obj = isObj(raw) ? raw : {};
      const ip = index(child(np, "preferredDuringSchedulingIgnoredDuringExecution"), i);
      if (!(term.weight > 0 && term.weight <= 100)) errs.push(invalid(child(ip, "weight"), term.weight ?? 0, "must be in the range 1-100"));
      errs.push(...validateNodeSelectorTerm(term.preference, child(ip, "preference")));
    });
  }
  for (const kind of ["podAffinity", "podAntiAffinity"]) {
    const pa = affinity[kind];
    if (!isObj(pa)) continue;
    const pp = child(path, kind);
    list(pa.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      errs.push(...validatePodAffinityTerm(t, index(child(pp, "requiredDuringSchedulingIgnoredDuringExecution"), i)));
    });
    list(pa.preferredDuringSchedulingIgnoredDuringExecution).forEach((raw, i) => {
      const w: Obj = isObj(raw) ? raw : {};
      const ip = index(child(pp, "preferredDuringSchedulingIgnoredDuringExecution"), i);
      if (!(w.weight > 0 && w.weight <= 100)) errs.push(invalid(child(ip, "weight"), w.weight ?? 0, "must be in the range 1-100"));
      errs.push(...validatePodAffinityTerm(w.podAffinityTerm, child(ip, "podAffinityTerm")));
    });
  }
  return errs;
}

// mirrors validateTopologySpreadConstraints
function validateTopologySpreadConstraints(constraints: unknown, path: string): FieldError[] {
  const cs = list(constraints);
  const errs: FieldError[] = [];
  cs.forEach((raw, i) => {
    const c: Obj = isObj(raw) ? raw : {};
    const p = index(path, i);
    if (!(typeof c.maxSkew === "number" && c.maxSkew > 0)) errs.push(invalid(child(p, "maxSkew"), c.maxSkew ?? 0, "must be greater than zero"));
    if (!c.topologyKey) errs.push(required(child(p, "topologyKey"), "can not be empty"));
    if (c.whenUnsatisfiable !== "DoNotSchedule" && c.whenUnsatisfiable !== "ScheduleAnyway") {
      errs.push(notSupported(child(p, "whenUnsatisfiable"), str(c.whenUnsatisfiable), ["DoNotSchedule", "ScheduleAnyway"]));
    }
    const rest = cs.slice(i + 1).filter(isObj);
    if (rest.some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable)) {
      errs.push(duplicate(child(p, "{topologyKey, whenUnsatisfiable}"), `{${str(c.topologyKey)}, ${str(c.whenUnsatisfiable)}}`));
    }
    if (c.minDomains != null) {
      if (!(c.minDomains > 0)) errs.push(invalid(child(p, "minDomains"), c.minDomains, "must be greater than zero"));
      if (c.whenUnsatisfiable !== "DoNotSchedule") {
        errs.push(invalid(child(p, "minDomains"), c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${str(c.whenUnsatisfiable)}`));
      }
    }
    for (const f of ["nodeAffinityPolicy", "nodeTaintsPolicy"]) {
      if (c[f] != null && c[f] !== "Honor" && c[f] !== "Ignore") errs.push(notSupported(child(p, f), c[f], ["Honor", "Ignore"]));
    }
    errs.push(...validateLabelSelector(c.labelSelector, false, child(p, "labelSelector")));
  });
  return errs;
}

// mirrors validatePodDNSConfig
function validatePodDNSConfig(cfg: unknown, dnsPolicy: string, path: string): FieldError[] {
  if (dnsPolicy === "None") {
    if (!isObj(cfg)) return [required(path, "must provide `dnsConfig` when `dnsPolicy` is None")];
    if (list(cfg.nameservers).length === 0) return [required(child(path, "nameservers"), "must provide at least one DNS nameserver when `dnsPolicy` is None")];
  }
  if (!isObj(cfg)) return [];
  const errs: FieldError[] = [];
  const ns = list(cfg.nameservers);
  if (ns.length > 3) errs.push(invalid(child(path, "nameservers"), ns, "must not have more than 3 nameservers"));
  ns.forEach((ip, i) => {
    for (const m of isValidIP(str(ip))) errs.push(invalid(index(child(path, "nameservers"), i), str(ip), m));
  });
  list(cfg.searches).forEach((s, i) => {
    const search = str(s);
    if (search === ".") return; // relaxed DNS search validation (GA) allows the root
    for (const m of isDNS1123Subdomain(search.replace(/\.$/, "").replace(/_/g, "a"))) {
      errs.push(invalid(index(child(path, "searches"), i), search.replace(/\.$/, ""), m));
    }
  });
  list(cfg.options).forEach((o, i) => {
    if (!isObj(o) || !o.name) errs.push(required(index(child(path, "options"), i), "must not be empty"));
  });
  return errs;
}

// mirrors validatePodSpecSecurityContext (id ranges)
function validatePodSecurityContext(sc: unknown, path: string): FieldError[] {
  if (!isObj(sc)) return [];
  const errs: FieldError[] = [];
  for (const f of ["fsGroup", "runAsUser", "runAsGroup"]) {
    if (sc[f] != null) for (const m of isValidID(sc[f])) errs.push(invalid(child(path, f), sc[f], m));
  }
  list(sc.supplementalGroups).forEach((g, i) => {
    for (const m of isValidID(g as number)) errs.push(invalid(index(child(path, "supplementalGroups"), i), g, m));
  });
  return errs;
}

export interface PodSpecOptions {
  /** The spec is a Pod's own (ResourceIsPod), not a template's: hostPort must equal containerPort. */
  resourceIsPod: boolean;
}

/** Validates a PodSpec at `path` ("spec" for pods, "spec.template.spec" for workloads). */
// mirrors ValidatePodSpec
export function validatePodSpec(spec: unknown, path: string, opts: PodSpecOptions): FieldError[] {
  const s: Obj = isObj(spec) ? spec : {};
  const errs: FieldError[] = [];
  if (s.terminationGracePeriodSeconds == null) errs.push(required(child(path, "terminationGracePeriodSeconds")));
  const grace: number | undefined = typeof s.terminationGracePeriodSeconds === "number" ? s.terminationGracePeriodSeconds : undefined;
  // Checks of optional lists and objects have nothing to say when the field is absent: they are skipped
  // without building their paths (every pod create runs this).
  let volumes: Set<string> = NO_VOLUMES;
  if (Array.isArray(s.volumes)) {
    const v = validateVolumes(s.volumes, child(path, "volumes"));
    volumes = v.names;
    pushAll(errs, v.errs);
  }
  pushAll(errs, validateContainers(s.containers, volumes, grace, child(path, "containers")));
  if (Array.isArray(s.initContainers)) pushAll(errs, validateInitContainers(s.initContainers, s.containers, volumes, grace, child(path, "initContainers")));

  if (s.hostNetwork === true) {
    list(s.containers).forEach((c, i) => {
      list(isObj(c) ? c.ports : []).forEach((raw, j) => {
        const p: Obj = isObj(raw) ? raw : {};
        const hp = p.hostPort ?? 0;
        if ((opts.resourceIsPod || hp !== 0) && hp !== p.containerPort) {
          errs.push(invalid(child(index(child(index(child(path, "containers"), i), "ports"), j), "hostPort"), hp, "must match `containerPort` when `hostNetwork` is true"));
        }
      });
    });
  }
  const rp = str(s.restartPolicy);
  if (!rp) errs.push(required(child(path, "restartPolicy")));
  else if (!RESTART_POLICIES.includes(rp)) errs.push(notSupported(child(path, "restartPolicy"), rp, RESTART_POLICIES));
  const dp = str(s.dnsPolicy);
  if (!dp) errs.push(required(child(path, "dnsPolicy")));
  else if (!DNS_POLICIES.includes(dp)) errs.push(notSupported(child(path, "dnsPolicy"), dp, DNS_POLICIES));
  if (isObj(s.nodeSelector)) pushAll(errs, validateLabels(s.nodeSelector, child(path, "nodeSelector")));
  if (isObj(s.securityContext) && !knownValid(VALID_POD_SECURITY_CONTEXTS, s.securityContext)) {
    const e = validatePodSecurityContext(s.securityContext, child(path, "securityContext"));
    rememberIfValid(VALID_POD_SECURITY_CONTEXTS, s.securityContext, e);
    pushAll(errs, e);
  }
  list(s.imagePullSecrets).forEach((raw, i) => {
    if (isObj(raw) && Object.keys(raw).some((k) => k !== "name")) errs.push(invalid(index(child(path, "imagePullSecrets"), i), raw, "only name may be set"));
  });
  if (isObj(s.affinity)) pushAll(errs, validateAffinity(s.affinity, child(path, "affinity")));
  // dnsPolicy None requires a dnsConfig: the check runs without one then.
  if (dp === "None" || isObj(s.dnsConfig)) pushAll(errs, validatePodDNSConfig(s.dnsConfig, dp, child(path, "dnsConfig")));
  const gates = new Set<string>();
  list(s.schedulingGates).forEach((raw, i) => {
    const name = str(isObj(raw) ? raw.name : "");
    errs.push(...validateLabelName(name, index(child(path, "schedulingGates"), i)));
    if (gates.has(name)) errs.push(duplicate(index(child(path, "schedulingGates"), i), name));
    gates.add(name);
  });
  if (Array.isArray(s.topologySpreadConstraints)) pushAll(errs, validateTopologySpreadConstraints(s.topologySpreadConstraints, child(path, "topologySpreadConstraints")));
  if (s.serviceAccountName) {
    for (const m of nameIsDNSSubdomain(str(s.serviceAccountName), false)) errs.push(invalid(child(path, "serviceAccountName"), str(s.serviceAccountName), m));
  }
  if (s.nodeName) for (const m of nameIsDNSSubdomain(str(s.nodeName), false)) errs.push(invalid(child(path, "nodeName"), str(s.nodeName), m));
  if (s.activeDeadlineSeconds != null && !(s.activeDeadlineSeconds >= 1 && s.activeDeadlineSeconds <= MAX_INT32)) {
    errs.push(invalid(child(path, "activeDeadlineSeconds"), s.activeDeadlineSeconds, `must be between 1 and ${MAX_INT32}, inclusive`));
  }
  if (s.hostname) errs.push(...validateDNS1123Label(str(s.hostname), child(path, "hostname")));
  if (s.subdomain) errs.push(...validateDNS1123Label(str(s.subdomain), child(path, "subdomain")));
  if (Array.isArray(s.tolerations) && !knownValid(VALID_TOLERATIONS, s.tolerations)) {
    const e = validateTolerations(s.tolerations, child(path, "tolerations"));
    rememberIfValid(VALID_TOLERATIONS, s.tolerations, e);
    pushAll(errs, e);
  }
  if (s.priorityClassName) {
    for (const m of nameIsDNSSubdomain(str(s.priorityClassName), false)) errs.push(invalid(child(path, "priorityClassName"), str(s.priorityClassName), m));
  }
  if (s.preemptionPolicy != null && s.preemptionPolicy !== "PreemptLowerPriority" && s.preemptionPolicy !== "Never") {
    errs.push(s.preemptionPolicy === "" ? required(child(path, "preemptionPolicy"))
      : notSupported(child(path, "preemptionPolicy"), s.preemptionPolicy, ["PreemptLowerPriority", "Never"]));
  }
  if (isObj(s.os)) {
    if (!s.os.name) errs.push(required(child(path, "os", "name"), "cannot be empty"));
    else if (s.os.name !== "linux" && s.os.name !== "windows") errs.push(notSupported(child(path, "os"), s.os.name, ["linux", "windows"]));
  }
  return errs;
}

/** Validates a PodTemplateSpec at `path` ("spec.template"). */
// mirrors ValidatePodTemplateSpec
export function validatePodTemplateSpec(template: unknown, path: string): FieldError[] {
  const t: Obj = isObj(template) ? template : {};
  const meta: Obj = isObj(t.metadata) ? t.metadata : {};
  const errs = validateLabels(meta.labels, child(path, "labels"));
  errs.push(...validateAnnotations(meta.annotations, child(path, "annotations")));
  errs.push(...validatePodSpec(t.spec, child(path, "spec"), { resourceIsPod: false }));
  if (list(isObj(t.spec) ? t.spec.ephemeralContainers : []).length > 0) {
    errs.push(forbidden(child(path, "spec", "ephemeralContainers"), "ephemeral containers not allowed in pod template"));
  }
  return errs;
}

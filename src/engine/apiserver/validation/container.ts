// Container validation: the checks shared by regular, init and ephemeral containers, and probes.
// mirrors validateContainerCommon, validateContainerPorts, ValidateEnv, ValidateEnvFrom, ValidateVolumeMounts,
// validatePullPolicy, ValidateSecurityContext, validateProbe and validateHandler
// (k/k pkg/apis/core/validation/validation.go, v1.34 feature gates).
import { isDNS1123Label, isValidDNS1123Label, isValidPortName, isValidPortNum } from "../../apimachinery/validation";
import { child, duplicate, forbidden, index, invalid, notFound, notSupported, required, type FieldError } from "./field";
import { isConfigMapKey, isHTTPHeaderName, isRelaxedEnvVarName, isValidID } from "./formats";
import { nameIsDNSSubdomain, validateNonnegativeField } from "./objectMeta";
import { knownValid, newValidSet, rememberIfValid } from "./memo";
import { validateContainerResources } from "./resources";

/** Shared frozen container resources and security contexts found valid (memo.ts). */
const VALID_RESOURCES = newValidSet();
const VALID_SECURITY_CONTEXTS = newValidSet();

type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === "string" ? v : v == null ? "" : String(v));

/** sets.List order of the supported protocols / policies. */
const PROTOCOLS = ["SCTP", "TCP", "UDP"];
const PULL_POLICIES = ["Always", "IfNotPresent", "Never"];
const TERMINATION_MESSAGE_POLICIES = ["File", "FallbackToLogsOnError"];

/** Appends `more` to `errs` (no spread: most lists are empty). */
export function pushAll(errs: FieldError[], more: readonly FieldError[]): void {
  for (let i = 0; i < more.length; i++) errs.push(more[i]!);
}

export function validateDNS1123Label(value: string, path: string): FieldError[] {
  return isDNS1123Label(value).map((msg) => invalid(path, value, msg));
}

// mirrors ValidatePortNumOrName: an int is a port number, a string a port name.
export function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === "number") return isValidPortNum(port).map((msg) => invalid(path, port, msg));
  if (typeof port === "string") return isValidPortName(port).map((msg) => invalid(path, port, msg));
  return isValidPortNum(0).map((msg) => invalid(path, 0, msg)); // absent IntOrString is the int 0
}

// mirrors validateContainerPorts
function validateContainerPorts(ports: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list(ports).forEach((raw, i) => {
    const p: Obj = isObj(raw) ? raw : {};
    const idx = index(path, i);
    const name = str(p.name);
    if (name.length > 0) {
      const msgs = isValidPortName(name);
      if (msgs.length > 0) for (const m of msgs) errs.push(invalid(child(idx, "name"), name, m));
      else if (names.has(name)) errs.push(duplicate(child(idx, "name"), name));
      else names.add(name);
    }
    if (!p.containerPort) errs.push(required(child(idx, "containerPort")));
    else for (const m of isValidPortNum(p.containerPort)) errs.push(invalid(child(idx, "containerPort"), p.containerPort, m));
    if (p.hostPort) for (const m of isValidPortNum(p.hostPort)) errs.push(invalid(child(idx, "hostPort"), p.hostPort, m));
    if (!p.protocol) errs.push(required(child(idx, "protocol")));
    else if (!PROTOCOLS.includes(p.protocol)) errs.push(notSupported(child(idx, "protocol"), p.protocol, PROTOCOLS));
  });
  return errs;
}

const ENV_FIELD_PATHS = ["metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"];

function validateKeySelector(sel: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const m of nameIsDNSSubdomain(str(sel.name), false)) errs.push(invalid(child(path, "name"), str(sel.name), m));
  if (!sel.key) errs.push(required(child(path, "key")));
  else for (const m of isConfigMapKey(str(sel.key))) errs.push(invalid(child(path, "key"), str(sel.key), m));
  return errs;
}

// mirrors validateEnvVarValueFrom (fieldRef paths only for plain, unsubscripted fields)
function validateEnvVarValueFrom(ev: Obj, path: string): FieldError[] {
  if (!isObj(ev.valueFrom)) return [];
  const vf = ev.valueFrom;
  const errs: FieldError[] = [];
  let sources = 0;
  if (isObj(vf.fieldRef)) {
    sources++;
    const fp = child(path, "fieldRef");
    if (!vf.fieldRef.apiVersion) errs.push(required(child(fp, "apiVersion")));
    else if (!vf.fieldRef.fieldPath) errs.push(required(child(fp, "fieldPath")));
    else {
      const p = str(vf.fieldRef.fieldPath);
      const subscripted = /^metadata\.(labels|annotations)\['.*'\]$/.test(p);
      if (!subscripted && !ENV_FIELD_PATHS.includes(p)) errs.push(notSupported(child(fp, "fieldPath"), p, [...ENV_FIELD_PATHS].sort()));
    }
  }
  if (isObj(vf.resourceFieldRef)) {
    sources++;
    if (!vf.resourceFieldRef.resource) errs.push(required(child(path, "resourceFieldRef", "resource")));
  }
  if (isObj(vf.configMapKeyRef)) {
    sources++;
    errs.push(...validateKeySelector(vf.configMapKeyRef, child(path, "configMapKeyRef")));
  }
  if (isObj(vf.secretKeyRef)) {
    sources++;
    errs.push(...validateKeySelector(vf.secretKeyRef, child(path, "secretKeyRef")));
  }
  if (sources === 0) errs.push(invalid(path, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
  else if (str(ev.value).length !== 0) errs.push(invalid(path, "", "may not be specified when `value` is not empty"));
  else if (sources > 1) errs.push(invalid(path, "", "may not have more than one field specified at a time"));
  return errs;
}

// mirrors ValidateEnv (relaxed names: RelaxedEnvironmentVariableValidation is GA)
function validateEnv(vars: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  list(vars).forEach((raw, i) => {
    const ev: Obj = isObj(raw) ? raw : {};
    const idx = index(path, i);
    if (!ev.name) errs.push(required(child(idx, "name")));
    else for (const m of isRelaxedEnvVarName(str(ev.name))) errs.push(invalid(child(idx, "name"), str(ev.name), m));
    errs.push(...validateEnvVarValueFrom(ev, child(idx, "valueFrom")));
  });
  return errs;
}

// mirrors ValidateEnvFrom
function validateEnvFrom(vars: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  list(vars).forEach((raw, i) => {
    const ev: Obj = isObj(raw) ? raw : {};
    const idx = index(path, i);
    if (ev.prefix) for (const m of isRelaxedEnvVarName(str(ev.prefix))) errs.push(invalid(child(idx, "prefix"), str(ev.prefix), m));
    let sources = 0;
    for (const k of ["configMapRef", "secretRef"]) {
      if (!isObj(ev[k])) continue;
      sources++;
      const name = str(ev[k].name);
      if (!name) errs.push(required(child(idx, k, "name")));
      else for (const m of nameIsDNSSubdomain(name, true)) errs.push(invalid(child(idx, k, "name"), name, m));
    }
    if (sources === 0) errs.push(invalid(path, "", "must specify one of: `configMapRef` or `secretRef`"));
    else if (sources > 1) errs.push(invalid(path, "", "may not have more than one field specified at a time"));
  });
  return errs;
}

// mirrors validateLocalDescendingPath
function validateLocalDescendingPath(p: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (p.startsWith("/")) errs.push(invalid(path, p, "must be a relative path"));
  if (p.split(/[\\/]/).includes("..")) errs.push(invalid(path, p, "must not contain '..'"));
  return errs;
}

// mirrors ValidateVolumeMounts (volumeDevices are not modelled)
function validateVolumeMounts(mounts: unknown, volumes: ReadonlySet<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const points = new Set<string>();
  list(mounts).forEach((raw, i) => {
    const m: Obj = isObj(raw) ? raw : {};
    const idx = index(path, i);
    const name = str(m.name);
    const mountPath = str(m.mountPath);
    if (!name) errs.push(required(child(idx, "name")));
    if (!volumes.has(name)) errs.push(notFound(child(idx, "name"), name));
    if (!mountPath) errs.push(required(child(idx, "mountPath")));
    if (points.has(mountPath)) errs.push(invalid(child(idx, "mountPath"), mountPath, "must be unique"));
    points.add(mountPath);
    // Upstream passes the list path, not the item path, for subPath errors.
    if (m.subPath) errs.push(...validateLocalDescendingPath(str(m.subPath), child(path, "subPath")));
    if (m.subPathExpr) {
      if (m.subPath) errs.push(invalid(child(idx, "subPathExpr"), str(m.subPathExpr), "subPathExpr and subPath are mutually exclusive"));
      errs.push(...validateLocalDescendingPath(str(m.subPathExpr), child(path, "subPathExpr")));
    }
  });
  return errs;
}

// mirrors ValidateSecurityContext (the checks that do not depend on cluster capabilities)
function validateSecurityContext(sc: unknown, path: string): FieldError[] {
  if (!isObj(sc)) return [];
  const errs: FieldError[] = [];
  if (sc.runAsUser != null) for (const m of isValidID(sc.runAsUser)) errs.push(invalid(child(path, "runAsUser"), sc.runAsUser, m));
  if (sc.runAsGroup != null) for (const m of isValidID(sc.runAsGroup)) errs.push(invalid(child(path, "runAsGroup"), sc.runAsGroup, m));
  if (sc.procMount != null && sc.procMount !== "Default" && sc.procMount !== "Unmasked") {
    errs.push(notSupported(child(path, "procMount"), sc.procMount, ["Default", "Unmasked"]));
  }
  if (sc.allowPrivilegeEscalation === false && sc.privileged === true) {
    errs.push(invalid(path, sc, "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"));
  }
  return errs;
}

// mirrors validateHandler for probe and lifecycle handlers (exec, httpGet, tcpSocket, grpc, sleep)
function validateHandler(h: Obj, gracePeriod: number | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  const kinds = ["exec", "httpGet", "tcpSocket", "grpc", "sleep"] as const;
  for (const k of kinds) {
    if (!isObj(h[k])) continue;
    const hp = child(path, k);
    if (n > 0) {
      errs.push(forbidden(hp, "may not specify more than 1 handler type"));
      continue;
    }
    n++;
    const v = h[k];
    if (k === "exec" && list(v.command).length === 0) errs.push(required(child(hp, "command")));
    if (k === "httpGet") {
      if (!v.path) errs.push(required(child(hp, "path")));
      errs.push(...validatePortNumOrName(v.port, child(hp, "port")));
      if (v.scheme !== "HTTP" && v.scheme !== "HTTPS") errs.push(notSupported(child(hp, "scheme"), str(v.scheme), ["HTTP", "HTTPS"]));
      for (const hdr of list(v.httpHeaders)) {
        const name = str(isObj(hdr) ? hdr.name : "");
        for (const m of isHTTPHeaderName(name)) errs.push(invalid(child(hp, "httpHeaders"), name, m));
      }
    }
    if (k === "tcpSocket") errs.push(...validatePortNumOrName(v.port, child(hp, "port")));
    if (k === "grpc") errs.push(...validatePortNumOrName(typeof v.port === "number" ? v.port : 0, child(hp, "port")));
    if (k === "sleep" && gracePeriod !== undefined) {
      const s = typeof v.seconds === "number" ? v.seconds : 0;
      // PodLifecycleSleepActionAllowZero is on in v1.34.
      if (s < 0 || s > gracePeriod) {
        errs.push(invalid(hp, s, `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`));
      }
    }
  }
  if (n === 0) errs.push(required(path, "must specify a handler type"));
  return errs;
}

// mirrors validateProbe
function validateProbe(p: Obj, gracePeriod: number | undefined, path: string): FieldError[] {
  const errs = validateHandler(p, gracePeriod, path);
  for (const f of ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"]) {
    errs.push(...validateNonnegativeField(p[f], child(path, f)));
  }
  if (p.terminationGracePeriodSeconds != null && p.terminationGracePeriodSeconds <= 0) {
    errs.push(invalid(child(path, "terminationGracePeriodSeconds"), p.terminationGracePeriodSeconds, "must be greater than 0"));
  }
  return errs;
}

/** Liveness/readiness/startup probes and lifecycle hooks of a container that may have them. */
export function validateProbesAndLifecycle(c: Obj, gracePeriod: number | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (isObj(c.lifecycle)) {
    for (const hook of ["postStart", "preStop"]) {
      if (isObj(c.lifecycle[hook])) errs.push(...validateHandler(c.lifecycle[hook], gracePeriod, child(path, "lifecycle", hook)));
    }
  }
  if (isObj(c.livenessProbe)) {
    const lp = child(path, "livenessProbe");
    errs.push(...validateProbe(c.livenessProbe, gracePeriod, lp));
    if (c.livenessProbe.successThreshold !== 1) errs.push(invalid(child(lp, "successThreshold"), c.livenessProbe.successThreshold ?? 0, "must be 1"));
  }
  if (isObj(c.readinessProbe)) {
    const rp = child(path, "readinessProbe");
    errs.push(...validateProbe(c.readinessProbe, gracePeriod, rp));
    if (c.readinessProbe.terminationGracePeriodSeconds != null) {
      errs.push(invalid(child(rp, "terminationGracePeriodSeconds"), c.readinessProbe.terminationGracePeriodSeconds, "must not be set for readinessProbes"));
    }
  }
  if (isObj(c.startupProbe)) {
    const sp = child(path, "startupProbe");
    errs.push(...validateProbe(c.startupProbe, gracePeriod, sp));
    if (c.startupProbe.successThreshold !== 1) errs.push(invalid(child(sp, "successThreshold"), c.startupProbe.successThreshold ?? 0, "must be 1"));
  }
  return errs;
}

/** Checks every container kind shares: name, image, ports, env, mounts, pull policy, resources. */
// mirrors validateContainerCommon
export function validateContainerCommon(c: Obj, volumes: ReadonlySet<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(c.name);
  if (!name) errs.push(required(child(path, "name")));
  else if (!isValidDNS1123Label(name)) pushAll(errs, validateDNS1123Label(name, child(path, "name")));
  // Whitespace-only images pass here (an OpenShift-era compatibility hole); pods reject them separately.
  if (str(c.image).length === 0) errs.push(required(child(path, "image")));
  const tmp = str(c.terminationMessagePolicy);
  if (!tmp) errs.push(required(child(path, "terminationMessagePolicy")));
  else if (!TERMINATION_MESSAGE_POLICIES.includes(tmp)) errs.push(notSupported(child(path, "terminationMessagePolicy"), tmp, TERMINATION_MESSAGE_POLICIES));
  // The list checks have nothing to say about an absent list: skipped without building their paths.
  if (Array.isArray(c.ports)) pushAll(errs, validateContainerPorts(c.ports, child(path, "ports")));
  if (Array.isArray(c.env)) pushAll(errs, validateEnv(c.env, child(path, "env")));
  if (Array.isArray(c.envFrom)) pushAll(errs, validateEnvFrom(c.envFrom, child(path, "envFrom")));
  if (Array.isArray(c.volumeMounts)) pushAll(errs, validateVolumeMounts(c.volumeMounts, volumes, child(path, "volumeMounts")));
  const pp = str(c.imagePullPolicy);
  if (!pp) errs.push(required(child(path, "imagePullPolicy")));
  else if (!PULL_POLICIES.includes(pp)) errs.push(notSupported(child(path, "imagePullPolicy"), pp, PULL_POLICIES));
  if (!knownValid(VALID_RESOURCES, c.resources)) {
    const e = validateContainerResources(c.resources, child(path, "resources"));
    rememberIfValid(VALID_RESOURCES, c.resources, e);
    pushAll(errs, e);
  }
  if (isObj(c.securityContext) && !knownValid(VALID_SECURITY_CONTEXTS, c.securityContext)) {
    const e = validateSecurityContext(c.securityContext, child(path, "securityContext"));
    rememberIfValid(VALID_SECURITY_CONTEXTS, c.securityContext, e);
    pushAll(errs, e);
  }
  return errs;
}

// mirrors AccumulateUniqueHostPorts / checkHostPortConflicts
export function checkHostPortConflicts(containers: unknown[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((raw, ci) => {
    const c: Obj = isObj(raw) ? raw : {};
    list(c.ports).forEach((rp, pi) => {
      const p: Obj = isObj(rp) ? rp : {};
      if (!p.hostPort) return;
      const k = `${str(p.protocol)}/${str(p.hostIP)}/${p.hostPort}`;
      if (seen.has(k)) errs.push(duplicate(child(index(child(index(path, ci), "ports"), pi), "hostPort"), k));
      else seen.add(k);
    });
  });
  return errs;
}

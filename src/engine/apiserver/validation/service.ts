// Service validation on create and update.
// mirrors ValidateService, validateServicePort, ValidateServiceClusterIPsRelatedFields,
// validateServiceExternalTrafficPolicy, validateServiceInternalTrafficFieldsValue, ValidateServiceUpdate and
// validateUpgradeDowngradeClusterIPs (k/k pkg/apis/core/validation/validation.go). Load-balancer source
// ranges and class are not modelled.
import { isDNS1123Subdomain, isQualifiedName, isValidPortNum } from "../../apimachinery/validation";
import { validateDNS1123Label, validatePortNumOrName } from "./container";
import { child, duplicate, forbidden, index, invalid, notSupported, required, type FieldError } from "./field";
import { isValidIP } from "./formats";
import { goStruct } from "./goFormat";
import { nameIsDNS1035Label, validateLabels, validateObjectMeta, validateObjectMetaUpdate } from "./objectMeta";

type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === "string" ? v : v == null ? "" : String(v));

const SERVICE_TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
const PROTOCOLS = ["SCTP", "TCP", "UDP"];
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;

function isHeadless(spec: Obj): boolean {
  return list(spec.clusterIPs)[0] === "None" || spec.clusterIP === "None";
}

// mirrors validateServicePort
function validateServicePort(sp: Obj, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(sp.name);
  if (requireName && !name) errs.push(required(child(path, "name")));
  else if (name) {
    errs.push(...validateDNS1123Label(name, child(path, "name")));
    if (names.has(name)) errs.push(duplicate(child(path, "name"), name));
    else names.add(name);
  }
  for (const m of isValidPortNum(typeof sp.port === "number" ? sp.port : 0)) errs.push(invalid(child(path, "port"), sp.port ?? 0, m));
  if (!sp.protocol) errs.push(required(child(path, "protocol")));
  else if (!PROTOCOLS.includes(sp.protocol)) errs.push(notSupported(child(path, "protocol"), sp.protocol, PROTOCOLS));
  errs.push(...validatePortNumOrName(sp.targetPort, child(path, "targetPort")));
  if (sp.appProtocol != null) for (const m of isQualifiedName(str(sp.appProtocol))) errs.push(invalid(child(path, "appProtocol"), str(sp.appProtocol), m));
  return errs;
}

// mirrors ValidateServiceClusterIPsRelatedFields (single-stack subset: no dual-stack pairing checks)
function validateClusterIPs(spec: Obj): FieldError[] {
  if (spec.type === "ExternalName") return [];
  const errs: FieldError[] = [];
  const ips = list(spec.clusterIPs).map(str);
  if (spec.clusterIP) {
    if (ips.length === 0) errs.push(required("spec.clusterIPs"));
    else if (ips[0] !== spec.clusterIP) errs.push(invalid("spec.clusterIPs", ips, "first value must match `clusterIP`"));
  } else if (ips.length !== 0) errs.push(invalid("spec.clusterIPs", ips, "must be empty when `clusterIP` is not specified"));
  const seen = new Set<string>();
  list(spec.ipFamilies).forEach((f, i) => {
    if (f !== "IPv4" && f !== "IPv6") errs.push(notSupported(index("spec.ipFamilies", i), f, ["IPv4", "IPv6"]));
    if (seen.has(str(f))) errs.push(duplicate(index("spec.ipFamilies", i), f));
    seen.add(str(f));
  });
  if (spec.ipFamilyPolicy != null && !["PreferDualStack", "RequireDualStack", "SingleStack"].includes(spec.ipFamilyPolicy)) {
    errs.push(notSupported("spec.ipFamilyPolicy", spec.ipFamilyPolicy, ["PreferDualStack", "RequireDualStack", "SingleStack"]));
  }
  ips.forEach((ip, i) => {
    if (i === 0 && ip === "None") {
      if (ips.length > 1) errs.push(invalid("spec.clusterIPs", ips, "'None' must be the first and only value"));
      return;
    }
    for (const m of isValidIP(ip)) errs.push(invalid(index("spec.clusterIPs", i), ip, m));
  });
  if (ips.length > 2) errs.push(invalid("spec.clusterIPs", ips, "may only hold up to 2 values"));
  return errs;
}

// mirrors ValidateService
export function validateService(obj: Obj): FieldError[] {
  const spec: Obj = isObj(obj.spec) ? obj.spec : {};
  const errs = validateObjectMeta(obj.metadata, true, nameIsDNS1035Label);
  const ports = list(spec.ports).filter(isObj);
  if (ports.length === 0 && !isHeadless(spec) && spec.type !== "ExternalName") errs.push(required("spec.ports"));
  switch (spec.type) {
    case "LoadBalancer":
    case "NodePort":
      if (isHeadless(spec)) errs.push(invalid(index("spec.clusterIPs", 0), "None", `may not be set to 'None' for ${spec.type} services`));
      break;
    case "ExternalName": {
      if (list(spec.clusterIPs).length > 0) errs.push(forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
      if (list(spec.ipFamilies).length > 0) errs.push(forbidden("spec.ipFamilies", "may not be set for ExternalName services"));
      if (spec.ipFamilyPolicy != null) errs.push(forbidden("spec.ipFamilyPolicy", "may not be set for ExternalName services"));
      const cname = str(spec.externalName).replace(/\.$/, "");
      if (cname) for (const m of isDNS1123Subdomain(cname)) errs.push(invalid("spec.externalName", cname, m));
      else errs.push(required("spec.externalName"));
      break;
    }
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, index("spec.ports", i))));
  if (spec.selector != null) errs.push(...validateLabels(spec.selector, "spec.selector"));
  if (!spec.sessionAffinity) errs.push(required("spec.sessionAffinity"));
  else if (spec.sessionAffinity !== "ClientIP" && spec.sessionAffinity !== "None") {
    errs.push(notSupported("spec.sessionAffinity", spec.sessionAffinity, ["ClientIP", "None"]));
  }
  if (spec.sessionAffinity === "ClientIP") {
    const cfg = spec.sessionAffinityConfig;
    const when = "when session affinity type is ClientIP";
    if (!isObj(cfg)) errs.push(required("spec.sessionAffinityConfig", when));
    else if (!isObj(cfg.clientIP)) errs.push(required("spec.sessionAffinityConfig.clientIP", when));
    else if (cfg.clientIP.timeoutSeconds == null) errs.push(required("spec.sessionAffinityConfig.clientIP.timeoutSeconds", when));
    else if (!(cfg.clientIP.timeoutSeconds > 0 && cfg.clientIP.timeoutSeconds <= MAX_CLIENT_IP_AFFINITY_SECONDS)) {
      errs.push(invalid("spec.sessionAffinityConfig.clientIP.timeoutSeconds", cfg.clientIP.timeoutSeconds, `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`));
    }
  } else if (spec.sessionAffinity === "None" && spec.sessionAffinityConfig != null) {
    errs.push(forbidden("spec.sessionAffinityConfig", "must not be set when session affinity is None"));
  }
  errs.push(...validateClusterIPs(spec));
  list(spec.externalIPs).forEach((ip, i) => {
    for (const m of isValidIP(str(ip))) errs.push(invalid(index("spec.externalIPs", i), str(ip), m));
  });
  if (!spec.type) errs.push(required("spec.type"));
  else if (!SERVICE_TYPES.includes(spec.type)) errs.push(notSupported("spec.type", spec.type, SERVICE_TYPES));
  if (spec.type === "ClusterIP") {
    ports.forEach((p, i) => { if (p.nodePort) errs.push(forbidden(child(index("spec.ports", i), "nodePort"), "may not be used when `type` is 'ClusterIP'")); });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const k = `${str(p.protocol)}/${p.nodePort}`;
    if (nodePorts.has(k)) errs.push(duplicate(child(index("spec.ports", i), "nodePort"), p.nodePort));
    nodePorts.add(k);
  });
  const seenPorts = new Set<string>();
  ports.forEach((p, i) => {
    const k = `${str(p.protocol)}/${p.port}`;
    // The duplicate key is an internal core.ServicePort holding only protocol and port (Go field names).
    const value = goStruct([["Name", ""], ["Protocol", str(p.protocol)], ["AppProtocol", null], ["Port", p.port ?? 0], ["TargetPort", 0], ["NodePort", 0]]);
    if (seenPorts.has(k)) errs.push(duplicate(index("spec.ports", i), value));
    seenPorts.add(k);
  });
  if (spec.allocateLoadBalancerNodePorts != null && spec.type !== "LoadBalancer") {
    errs.push(forbidden("spec.allocateLoadBalancerNodePorts", "may only be used when `type` is 'LoadBalancer'"));
  }
  if (spec.type === "LoadBalancer" && spec.allocateLoadBalancerNodePorts == null) errs.push(required("allocateLoadBalancerNodePorts"));
  // External and internal traffic policies.
  const external = spec.type === "LoadBalancer" || spec.type === "NodePort" || (spec.type === "ClusterIP" && list(spec.externalIPs).length > 0);
  if (!external) {
    if (spec.externalTrafficPolicy) errs.push(invalid("spec.externalTrafficPolicy", spec.externalTrafficPolicy, "may only be set for externally-accessible services"));
  } else if (!spec.externalTrafficPolicy) errs.push(required("spec.externalTrafficPolicy"));
  else if (spec.externalTrafficPolicy !== "Cluster" && spec.externalTrafficPolicy !== "Local") {
    errs.push(notSupported("spec.externalTrafficPolicy", spec.externalTrafficPolicy, ["Cluster", "Local"]));
  }
  if (spec.internalTrafficPolicy == null) {
    if (spec.type === "NodePort" || spec.type === "LoadBalancer" || spec.type === "ClusterIP") errs.push(required("spec.internalTrafficPolicy"));
  } else if (spec.internalTrafficPolicy !== "Cluster" && spec.internalTrafficPolicy !== "Local") {
    errs.push(notSupported("spec.internalTrafficPolicy", spec.internalTrafficPolicy, ["Cluster", "Local"]));
  }
  if (spec.trafficDistribution != null && spec.trafficDistribution !== "PreferClose") {
    errs.push(notSupported("spec.trafficDistribution", spec.trafficDistribution, ["PreferClose"]));
  }
  return errs;
}

/**
 * An allocated clusterIP never changes (validateUpgradeDowngradeClusterIPs). An update that omits the
 * clusterIPs keeps them: the service REST copies allocated values over before validating
 * (patchAllocatedValues), so an empty list here is not an attempt to unset.
 */
// mirrors ValidateServiceUpdate
export function validateServiceUpdate(next: Obj, old: Obj): FieldError[] {
  const errs = validateObjectMetaUpdate(next.metadata, old.metadata);
  const ns: Obj = isObj(next.spec) ? next.spec : {};
  const os: Obj = isObj(old.spec) ? old.spec : {};
  if (ns.type !== "ExternalName" && os.type !== "ExternalName" && !(isHeadless(ns) && isHeadless(os))) {
    const oldIPs = list(os.clusterIPs).map(str);
    const newIPs = list(ns.clusterIPs).map(str);
    if (newIPs.length === 0 && !ns.clusterIP) {
      // kept by patchAllocatedValues
    } else if (oldIPs.length === newIPs.length) {
      oldIPs.forEach((ip, i) => { if (ip !== newIPs[i]) errs.push(invalid(index("spec.clusterIPs", i), newIPs, "may not change once set")); });
    } else if (oldIPs.length > newIPs.length) {
      if (newIPs[0] !== oldIPs[0]) errs.push(invalid(index("spec.clusterIPs", 0), newIPs, "may not change once set"));
    }
  }
  errs.push(...validateService(next));
  return errs;
}

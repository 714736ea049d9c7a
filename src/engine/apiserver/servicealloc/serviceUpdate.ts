// What the Service registry does to an update before allocating: keep the values it allocated when the
// client did not resend them, keep clusterIP and clusterIPs in step, and wipe values the new type no
// longer uses (so that `kubectl apply` of the original YAML, or a type change, just works).
// mirrors patchAllocatedValues, normalizeClusterIPs (k/k pkg/registry/core/service/storage/storage.go) and
// dropTypeDependentFields (pkg/registry/core/service/strategy.go). All functions mutate `next` only.

type Obj = Record<string, any>;

const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);

export function specOf(svc: Obj): Obj {
  return svc.spec !== null && typeof svc.spec === "object" ? svc.spec : {};
}

export function needsClusterIP(svc: Obj): boolean {
  return specOf(svc).type !== "ExternalName";
}

export function needsNodePort(svc: Obj): boolean {
  const t = specOf(svc).type;
  return t === "NodePort" || t === "LoadBalancer";
}

// mirrors apiservice.NeedsHealthCheck: LoadBalancer with externalTrafficPolicy Local.
export function needsHCNodePort(svc: Obj): boolean {
  const s = specOf(svc);
  return s.type === "LoadBalancer" && s.externalTrafficPolicy === "Local";
}

function sameStrings(a: unknown, b: unknown): boolean {
  const x = list(a);
  const y = list(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

const sameClusterIPs = (o: Obj, n: Obj): boolean => sameStrings(specOf(o).clusterIPs, specOf(n).clusterIPs);

function nodePortsOf(svc: Obj): number[] {
  return list(specOf(svc).ports).map((p) => (typeof p?.nodePort === "number" ? p.nodePort : 0));
}

// mirrors patchAllocatedValues
export function patchAllocatedValues(next: Obj, old: Obj): void {
  const ns = specOf(next);
  const os = specOf(old);
  if (needsClusterIP(old) && needsClusterIP(next)) {
    if (!ns.clusterIP) ns.clusterIP = os.clusterIP;
    if (list(ns.clusterIPs).length === 0 && list(os.clusterIPs).length > 0) ns.clusterIPs = [...os.clusterIPs];
    if (ns.clusterIP === undefined) delete ns.clusterIP;
  }
  if (needsNodePort(old) && needsNodePort(next)) {
    const newUsed = new Set(nodePortsOf(next).filter((p) => p !== 0));
    const used = new Set(nodePortsOf(old).filter((p) => p !== 0 && newUsed.has(p)));
    const byName = new Map<string, number>();
    for (const p of list(os.ports)) byName.set(String(p?.name ?? ""), typeof p?.nodePort === "number" ? p.nodePort : 0);
    for (const p of list(ns.ports)) {
      if (!p || (typeof p.nodePort === "number" && p.nodePort !== 0)) continue;
      const oldVal = byName.get(String(p.name ?? "")) ?? 0;
      if (oldVal !== 0 && !used.has(oldVal)) p.nodePort = oldVal;
    }
  }
  if (needsHCNodePort(old) && needsHCNodePort(next) && !ns.healthCheckNodePort && os.healthCheckNodePort) {
    ns.healthCheckNodePort = os.healthCheckNodePort;
  }
}

// mirrors normalizeClusterIPs for an update (the create half lives in the defaulting: clusterIP seeds clusterIPs).
export function normalizeClusterIPs(next: Obj, old: Obj): void {
  const ns = specOf(next);
  const os = specOf(old);
  const oldIP = os.clusterIP ?? "";
  const newIP = ns.clusterIP ?? "";
  if (list(os.clusterIPs).length > 0 && list(ns.clusterIPs).length === 0 && oldIP === newIP) ns.clusterIPs = [...os.clusterIPs];
  if (oldIP !== newIP) {
    if (oldIP && !newIP) {
      if (sameClusterIPs(old, next)) delete ns.clusterIPs;
    } else if (sameClusterIPs(old, next)) {
      ns.clusterIPs = [newIP];
    }
  }
}

// mirrors dropTypeDependentFields
export function dropTypeDependentFields(next: Obj, old: Obj): void {
  const ns = specOf(next);
  const os = specOf(old);
  if (needsClusterIP(old) && !needsClusterIP(next)) {
    if (sameClusterIPs(old, next)) {
      delete ns.clusterIP;
      delete ns.clusterIPs;
    }
    if (sameStrings(os.ipFamilies, ns.ipFamilies)) delete ns.ipFamilies;
    if (os.ipFamilyPolicy === ns.ipFamilyPolicy) delete ns.ipFamilyPolicy;
  }
  if (needsNodePort(old) && !needsNodePort(next) && sameStrings(nodePortsOf(old), nodePortsOf(next))) {
    for (const p of list(ns.ports)) if (p && typeof p === "object") delete p.nodePort;
  }
  if (needsHCNodePort(old) && !needsHCNodePort(next) && os.healthCheckNodePort === ns.healthCheckNodePort) delete ns.healthCheckNodePort;
  if (os.type === "LoadBalancer" && ns.type !== "LoadBalancer") {
    if (ns.allocateLoadBalancerNodePorts != null && ns.allocateLoadBalancerNodePorts === os.allocateLoadBalancerNodePorts) {
      delete ns.allocateLoadBalancerNodePorts;
    }
    if (ns.loadBalancerClass != null && ns.loadBalancerClass === os.loadBalancerClass) delete ns.loadBalancerClass;
    // The apiserver clears a stale load-balancer status so the LB controller only has to de-provision.
    if (next.status && typeof next.status === "object") next.status = { ...next.status, loadBalancer: {} };
  }
  if (externallyAccessible(os) && !externallyAccessible(ns) && ns.externalTrafficPolicy === os.externalTrafficPolicy) {
    delete ns.externalTrafficPolicy;
  }
}

// mirrors service.ExternallyAccessible (k/k pkg/api/v1/service/util.go)
function externallyAccessible(spec: Obj): boolean {
  return spec.type === "LoadBalancer" || spec.type === "NodePort" || (spec.type === "ClusterIP" && list(spec.externalIPs).length > 0);
}

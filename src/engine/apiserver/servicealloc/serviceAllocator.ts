// ServiceAllocator is the Service registry's allocation step: ClusterIPs from --service-cluster-ip-range,
// NodePorts (and health-check node ports) from --service-node-port-range, released when a Service goes.
// mirrors Allocators.allocateCreate / allocateUpdate / releaseAllocatedResources
// (k/k pkg/registry/core/service/storage/alloc.go) and the REST beginCreate/beginUpdate transactions
// (storage/storage.go). Upstream runs this BEFORE validation (BeginCreate precedes BeforeCreate), so an
// allocation failure is what the learner sees first, and a later failure must revert the allocation.
//
// Defaults: kubeadm's serviceSubnet 10.96.0.0/12 (kind narrows it to 10.96.0.0/16; both have the same
// 256-address static band) and the default node-port range 30000-32767.
import type { KubeObject } from "../../api/types";
import { deepCopy } from "../../sim/clone";
import { invalid, type FieldError } from "../validation/field";
import { isValidIP } from "../validation/formats";
import { newInvalid } from "../validation/status";
import { AllocationError } from "./allocatorErrors";
import { internalError, tryAllocate, Txn, type AllocationTxn } from "./allocationTxn";
import { IPAllocator } from "./ipAllocator";
import { formatIPv4, parseIPv4 } from "./ipv4";
import { parsePortRange, PortAllocator } from "./portAllocator";
import { dropTypeDependentFields, needsClusterIP, needsHCNodePort, needsNodePort, normalizeClusterIPs, patchAllocatedValues, specOf } from "./serviceUpdate";

type Obj = Record<string, any>;

/** kubeadm's default serviceSubnet (cmd/kubeadm/app/apis/kubeadm/v1beta4/defaults.go DefaultServicesSubnet). */
export const DEFAULT_SERVICE_CLUSTER_IP_RANGE = "10.96.0.0/12";
/** --service-node-port-range default (pkg/kubeapiserver/options/options.go DefaultServiceNodePortRange). */
export const DEFAULT_SERVICE_NODE_PORT_RANGE = "30000-32767";

export type { AllocationTxn };

export interface ServiceAllocatorOptions {
  serviceClusterIPRange?: string;
  serviceNodePortRange?: string;
}

const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);

function isHeadless(spec: Obj): boolean {
  return list(spec.clusterIPs)[0] === "None" || spec.clusterIP === "None";
}

export class ServiceAllocator {
  readonly ips: IPAllocator;
  readonly nodePorts: PortAllocator;

  constructor(random: () => number, opts: ServiceAllocatorOptions = {}) {
    this.ips = new IPAllocator(opts.serviceClusterIPRange ?? DEFAULT_SERVICE_CLUSTER_IP_RANGE, random);
    this.nodePorts = new PortAllocator(parsePortRange(opts.serviceNodePortRange ?? DEFAULT_SERVICE_NODE_PORT_RANGE), random);
  }

  /**
   * The create path, committed at once: returns a copy with spec.clusterIP/clusterIPs and
   * spec.ports[].nodePort (and healthCheckNodePort) filled in, or throws the API error upstream returns.
   * If the create fails later, call release() with the returned object.
   */
  allocate(service: KubeObject): KubeObject {
    const txn = this.allocateCreate(service);
    txn.commit();
    return txn.service;
  }

  // mirrors Allocators.allocateCreate (txnAllocClusterIPs + txnAllocNodePorts)
  allocateCreate(service: KubeObject): AllocationTxn {
    const svc = deepCopy(service);
    if (!svc.spec || typeof svc.spec !== "object") svc.spec = {};
    const txn = new Txn(svc);
    try {
      this.initIPFamilyFields(svc);
      if (needsClusterIP(svc)) this.allocClusterIPs(svc, txn);
      if (needsNodePort(svc)) this.initNodePorts(svc, txn);
      if (needsHCNodePort(svc)) this.allocHealthCheckNodePort(svc, txn);
    } catch (e) {
      txn.revert();
      throw e;
    }
    return txn;
  }

  /**
   * The update path (call it on the object about to replace `old`): restores allocated values the client
   * left out, wipes type-dependent values, allocates what the new type needs; values the old object held
   * and the new one drops are released on commit().
   */
  // mirrors REST.beginUpdate + Allocators.allocateUpdate
  allocateUpdate(next: KubeObject, old: KubeObject): AllocationTxn {
    const svc = deepCopy(next);
    if (!svc.spec || typeof svc.spec !== "object") svc.spec = {};
    const txn = new Txn(svc);
    try {
      dropTypeDependentFields(svc, old);
      patchAllocatedValues(svc, old);
      normalizeClusterIPs(svc, old);
      this.initIPFamilyFields(svc);
      this.updateClusterIPs(svc, old, txn);
      this.updateNodePorts(svc, old, txn);
    } catch (e) {
      txn.revert();
      throw e;
    }
    return txn;
  }

  /** Frees everything the Service holds (call when it leaves the store). Unknown values are ignored. */
  // mirrors REST.releaseAllocatedResources
  release(service: KubeObject): void {
    const spec = specOf(service);
    if (needsClusterIP(service) && !isHeadless(spec)) {
      for (const ip of this.clusterIPsOf(spec)) this.ips.release(ip);
    }
    for (const p of list(spec.ports)) if (typeof p?.nodePort === "number" && p.nodePort > 0) this.nodePorts.release(p.nodePort);
    if (typeof spec.healthCheckNodePort === "number" && spec.healthCheckNodePort > 0) this.nodePorts.release(spec.healthCheckNodePort);
  }

  /**
   * Marks the values of existing Services as allocated (after a restore from a snapshot, or for objects
   * written around the API server). Conflicts are skipped, as the repair controllers only report them.
   */
  // mirrors the ClusterIP and NodePort repair loops (ipallocator/controller, portallocator/controller)
  restore(services: readonly KubeObject[]): void {
    for (const svc of services) {
      const spec = specOf(svc);
      if (needsClusterIP(svc) && !isHeadless(spec)) {
        for (const ip of this.clusterIPsOf(spec)) if (!this.ips.has(ip)) tryAllocate(() => this.ips.allocate(ip));
      }
      for (const p of list(spec.ports)) {
        if (typeof p?.nodePort === "number" && !this.nodePorts.has(p.nodePort)) tryAllocate(() => this.nodePorts.allocate(p.nodePort));
      }
      const hc = spec.healthCheckNodePort;
      if (typeof hc === "number" && hc > 0 && !this.nodePorts.has(hc)) tryAllocate(() => this.nodePorts.allocate(hc));
    }
  }

  // ---- ClusterIPs ----

  private clusterIPsOf(spec: Obj): number[] {
    const texts = list(spec.clusterIPs).length > 0 ? list(spec.clusterIPs) : spec.clusterIP ? [spec.clusterIP] : [];
    const out: number[] = [];
    for (const t of texts) {
      const ip = typeof t === "string" ? parseIPv4(t) : undefined;
      if (ip !== undefined) out.push(ip);
    }
    return out;
  }

  // mirrors the single-stack IPv4 part of initIPFamilyFields
  private initIPFamilyFields(svc: Obj): void {
    const spec = svc.spec as Obj;
    if (spec.type === "ExternalName") return;
    const families = list(spec.ipFamilies);
    const selectorless = !spec.selector || Object.keys(spec.selector).length === 0;
    if (isHeadless(spec) && selectorless) {
      // Headless selectorless Services may list both families even on a single-stack cluster.
      const fams = families.length > 0 ? [...families] : ["IPv4"];
      if (fams.length < 2 && spec.ipFamilyPolicy && spec.ipFamilyPolicy !== "SingleStack") fams.push(fams[0] === "IPv6" ? "IPv4" : "IPv6");
      spec.ipFamilies = fams;
      return;
    }
    const errs: FieldError[] = [];
    if (spec.ipFamilyPolicy === "RequireDualStack") {
      errs.push(invalid("spec.ipFamilyPolicy", spec.ipFamilyPolicy, "this cluster is not configured for dual-stack services"));
    }
    families.forEach((f, i) => {
      if (f !== "IPv4") errs.push(invalid(`spec.ipFamilies[${i}]`, f, "not configured on this cluster"));
    });
    list(spec.clusterIPs).forEach((ip, i) => {
      if (i === 0 && ip === "None") return;
      const text = String(ip);
      const bad = isValidIP(text);
      if (bad.length > 0) errs.push(invalid(`spec.clusterIPs[${i}]`, text, bad[0]!));
      else if (parseIPv4(text) === undefined) errs.push(invalid(`spec.clusterIPs[${i}]`, spec.clusterIPs, "IPv6 is not configured on this cluster"));
    });
    if (errs.length > 0) throw newInvalid("Service", "", svc.metadata?.name ?? "", errs)!.error;
    if (families.length === 0) spec.ipFamilies = ["IPv4"];
  }

  // mirrors Allocators.allocClusterIPs + allocIPs for one family
  private allocClusterIPs(svc: Obj, txn: Txn): void {
    const spec = svc.spec as Obj;
    if (isHeadless(spec)) return;
    const requested: string = list(spec.clusterIPs)[0] ?? spec.clusterIP ?? "";
    if (requested === "") {
      let ip: number;
      try {
        ip = this.ips.allocateNext();
      } catch (e) {
        throw internalError(`failed to allocate a serviceIP: ${(e as Error).message}`);
      }
      txn.undo.push(() => this.ips.release(ip));
      spec.clusterIP = formatIPv4(ip);
      spec.clusterIPs = [formatIPv4(ip)];
      return;
    }
    const ip = parseIPv4(requested);
    try {
      if (ip === undefined) throw new AllocationError("MismatchedNetwork", "the provided network does not match the current range");
      this.ips.allocate(ip);
    } catch (e) {
      const field = invalid("spec.clusterIPs", list(spec.clusterIPs).length > 0 ? spec.clusterIPs : [requested], `failed to allocate IP ${requested}: ${(e as Error).message}`);
      throw newInvalid("Service", "", svc.metadata?.name ?? "", [field])!.error;
    }
    txn.undo.push(() => this.ips.release(ip));
    spec.clusterIP = requested;
    spec.clusterIPs = [requested];
  }

  // mirrors Allocators.updateClusterIPs (cases A and B; dual-stack upgrades do not exist here)
  private updateClusterIPs(svc: Obj, old: Obj, txn: Txn): void {
    if (!needsClusterIP(old) && needsClusterIP(svc)) return this.allocClusterIPs(svc, txn);
    if (isHeadless(specOf(old))) return;
    if (needsClusterIP(old) && !needsClusterIP(svc)) {
      const toRelease = this.clusterIPsOf(specOf(old));
      txn.onCommit.push(() => toRelease.forEach((ip) => this.ips.release(ip)));
    }
  }

  // ---- NodePorts ----

  private shouldAllocateNodePorts(spec: Obj): boolean {
    if (spec.type === "NodePort") return true;
    if (spec.type === "LoadBalancer") return spec.allocateLoadBalancerNodePorts !== false;
    return false;
  }

  private allocateNodePort(svc: Obj, index: number, port: number, txn: Txn): void {
    try {
      this.nodePorts.allocate(port);
    } catch (e) {
      throw newInvalid("Service", "", svc.metadata?.name ?? "", [invalid(`spec.ports[${index}].nodePort`, port, (e as Error).message)])!.error;
    }
    txn.undo.push(() => this.nodePorts.release(port));
  }

  private allocateNextNodePort(txn: Txn): number {
    let port: number;
    try {
      port = this.nodePorts.allocateNext();
    } catch (e) {
      throw internalError(`failed to allocate a nodePort: ${(e as Error).message}`);
    }
    txn.undo.push(() => this.nodePorts.release(port));
    return port;
  }

  // mirrors initNodePorts: ports sharing a service port number share one NodePort.
  private initNodePorts(svc: Obj, txn: Txn): void {
    const spec = svc.spec as Obj;
    const ports = list(spec.ports);
    const byServicePort = new Map<number, number>();
    ports.forEach((sp, i) => {
      if (!sp || typeof sp !== "object") return;
      const requested = typeof sp.nodePort === "number" ? sp.nodePort : 0;
      if (requested === 0 && !this.shouldAllocateNodePorts(spec)) return;
      const allocated = byServicePort.get(sp.port) ?? 0;
      if (allocated === 0) {
        const np = findRequestedNodePort(sp.port, ports);
        if (np !== 0) {
          this.allocateNodePort(svc, i, np, txn);
          sp.nodePort = np;
          byServicePort.set(sp.port, np);
        } else {
          sp.nodePort = this.allocateNextNodePort(txn);
          byServicePort.set(sp.port, sp.nodePort);
        }
      } else if (requested !== allocated) {
        if (requested === 0) sp.nodePort = allocated;
        else this.allocateNodePort(svc, i, requested, txn);
      }
    });
  }

  // mirrors allocHealthCheckNodePort (its failures are internal errors upstream)
  private allocHealthCheckNodePort(svc: Obj, txn: Txn): void {
    const spec = svc.spec as Obj;
    const requested = typeof spec.healthCheckNodePort === "number" ? spec.healthCheckNodePort : 0;
    if (requested !== 0) {
      try {
        this.nodePorts.allocate(requested);
      } catch (e) {
        throw internalError(`failed to allocate requested HealthCheck NodePort ${requested}: ${(e as Error).message}`);
      }
      txn.undo.push(() => this.nodePorts.release(requested));
      return;
    }
    spec.healthCheckNodePort = this.allocateNextNodePort(txn);
  }

  // mirrors txnUpdateNodePorts + updateNodePorts + updateHealthCheckNodePort
  private updateNodePorts(svc: Obj, old: Obj, txn: Txn): void {
    const spec = svc.spec as Obj;
    const oldPorts = list(specOf(old).ports).map((p) => (typeof p?.nodePort === "number" ? p.nodePort : 0)).filter((p) => p !== 0);
    const releaseLater = (ports: number[]) => txn.onCommit.push(() => ports.forEach((p) => this.nodePorts.release(p)));
    if (needsNodePort(old) && !needsNodePort(svc)) releaseLater(oldPorts);
    if (needsNodePort(svc)) {
      const seen = new Set<number>();
      list(spec.ports).forEach((sp, i) => {
        if (!sp || typeof sp !== "object") return;
        const np = typeof sp.nodePort === "number" ? sp.nodePort : 0;
        if (np === 0 && !this.shouldAllocateNodePorts(spec)) return;
        if (np !== 0) {
          if (!oldPorts.includes(np) && !seen.has(np)) {
            this.allocateNodePort(svc, i, np, txn);
            seen.add(np);
          }
        } else {
          sp.nodePort = this.allocateNextNodePort(txn);
        }
      });
      const kept = new Set(list(spec.ports).map((p) => p?.nodePort));
      releaseLater(oldPorts.filter((p) => !kept.has(p)));
    }
    const oldHC = specOf(old).healthCheckNodePort;
    if (!needsHCNodePort(old) && needsHCNodePort(svc)) this.allocHealthCheckNodePort(svc, txn);
    else if (needsHCNodePort(old) && !needsHCNodePort(svc) && typeof oldHC === "number" && oldHC > 0) releaseLater([oldHC]);
  }
}

// mirrors findRequestedNodePort: any user-chosen NodePort for the same service port number.
function findRequestedNodePort(port: number, ports: any[]): number {
  for (const p of ports) if (p && p.port === port && typeof p.nodePort === "number" && p.nodePort !== 0) return p.nodePort;
  return 0;
}

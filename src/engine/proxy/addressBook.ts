// AddressBook: who owns an IP address in the simulated network — a pod (status.podIP, host-network pods
// excluded: they share their node's address), a node (its InternalIP) — plus cached lists of the
// NetworkPolicies and Namespaces the policy check needs. Backed by informers, so it sees the cluster
// as a component would, a watch delay behind the API server.
import type { KubeObject, Node, Pod } from "../api/types";
import type { Informer } from "../client/informer";
import type { SharedInformers } from "../client/sharedInformers";

const PODS_BY_IP = "network:podsByIP";
const PODS_BY_UID = "network:podsByUID";

export class AddressBook {
  readonly pods: Informer<Pod>;
  readonly nodes: Informer<Node>;
  private readonly policiesInf: Informer<KubeObject>;
  private readonly namespacesInf: Informer<KubeObject>;
  private nodeByIP: Map<string, string> | undefined;
  private sortedNodeNames: string[] | undefined;
  private policyList: KubeObject[] | undefined;
  private namespaceList: KubeObject[] | undefined;

  constructor(informers: SharedInformers) {
    this.pods = informers.for<Pod>("pods");
    this.nodes = informers.for<Node>("nodes");
    this.policiesInf = informers.for("networkpolicies");
    this.namespacesInf = informers.for("namespaces");
    this.pods.addIndexer(PODS_BY_IP, (p) => (p.status?.podIP && !p.spec.hostNetwork ? [p.status.podIP] : []));

    this.pods.addIndexer(PODS_BY_UID, (p) => [p.metadata.uid]);
    const nodesChanged = (): void => {
      this.nodeByIP = undefined;
      this.sortedNodeNames = undefined;
    };
    this.nodes.addEventHandler({ add: nodesChanged, update: (o, n) => o.status?.addresses !== n.status?.addresses && nodesChanged(), delete: nodesChanged });
    const policiesChanged = (): void => {
      this.policyList = undefined;
    };
    this.policiesInf.addEventHandler({ add: policiesChanged, update: policiesChanged, delete: policiesChanged });
    const namespacesChanged = (): void => {
      this.namespaceList = undefined;
    };
    this.namespacesInf.addEventHandler({ add: namespacesChanged, update: namespacesChanged, delete: namespacesChanged });
  }

  /** The pod using `ip` (the newest one if an address was reused), or undefined. */
  podByIP(ip: string): Pod | undefined {
    let best: Pod | undefined;
    this.pods.forEachInIndex(PODS_BY_IP, ip, (p) => {
      if (!best || (p.metadata.creationTimestamp ?? "") > (best.metadata.creationTimestamp ?? "")) best = p;
    });
    return best;
  }

  podByUID(uid: string): Pod | undefined {
    let found: Pod | undefined;
    this.pods.forEachInIndex(PODS_BY_UID, uid, (p) => {
      found = p;
    });
    return found;
  }

  pod(namespace: string, name: string): Pod | undefined {
    return this.pods.get(`${namespace}/${name}`);
  }

  /** The node whose InternalIP is `ip`. */
  nodeNameByIP(ip: string): string | undefined {
    if (!this.nodeByIP) {
      this.nodeByIP = new Map();
      for (const n of this.nodes.list()) {
        for (const a of n.status?.addresses ?? []) if (a.type === "InternalIP") this.nodeByIP.set(a.address, n.metadata.name);
      }
    }
    return this.nodeByIP.get(ip);
  }

  nodeIP(name: string): string | undefined {
    return this.nodes.get(name)?.status?.addresses?.find((a) => a.type === "InternalIP")?.address;
  }

  /** Node names, sorted (cached until a node is added or removed). Do not mutate. */
  nodeNames(): readonly string[] {
    this.sortedNodeNames ??= this.nodes.list().map((n) => n.metadata.name).sort();
    return this.sortedNodeNames;
  }

  policies(): readonly KubeObject[] {
    this.policyList ??= this.policiesInf.list();
    return this.policyList;
  }

  namespaces(): readonly KubeObject[] {
    this.namespaceList ??= this.namespacesInf.list();
    return this.namespaceList;
  }
}

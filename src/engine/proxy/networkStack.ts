// NetworkStack wires the cluster's network models together: kube-proxy on every node, CoreDNS, the
// optional ingress-nginx controller, the pods' processes (PodRuntime) and the traffic model with its
// counters. The Cluster constructs one, hands its ContainerModel to `runtime.wrap` before any kubelet
// starts, and calls start() before its informers start.
import type { Pod } from "../api/types";
import type { ApiClient } from "../client/apiClient";
import type { Informer } from "../client/informer";
import type { SharedInformers } from "../client/sharedInformers";
import type { EndpointSlice, Service } from "../controllers/endpointslice/types";
import { LABEL_SERVICE_NAME } from "../controllers/endpointslice/types";
import { ClusterDns } from "../dns/clusterDns";
import type { EventQueue } from "../sim/eventQueue";
import { SeededRandom } from "../sim/random";
import { AddressBook } from "./addressBook";
import { IngressNginxController, INGRESS_NGINX } from "./ingress/ingressController";
import { KubeProxyModel } from "./kubeProxy";
import { ClusterNetwork } from "./network";
import { PodRuntime } from "./podRuntime";
import { ServerProfiles } from "./serverProfiles";
import { TrafficModel } from "./trafficModel";
import { TrafficStats } from "./trafficStats";

export interface NetworkStackDeps {
  readonly informers: SharedInformers;
  readonly events: EventQueue;
  /** Whether a node's machine is running (its kubelet alive). */
  readonly nodeUp: (node: string) => boolean;
  /** The node's kubelet (its `alive` flag), so hot paths can keep it instead of looking it up. */
  readonly nodeAgent?: (node: string) => { readonly alive: boolean } | undefined;
  /** The ingress controller's API client (audit actor "ingress-nginx-controller"). */
  readonly ingressClient: ApiClient;
  /** Seeds the traffic model's own random stream (kept apart so traffic does not shift other draws). */
  readonly seed: number;
}

/** The kube-dns Service kubeadm creates (ClusterIP 10.96.0.10). */
const KUBE_DNS = "kube-system/kube-dns";

export class NetworkStack {
  readonly runtime = new PodRuntime();
  readonly proxy: KubeProxyModel;
  readonly dns: ClusterDns;
  readonly book: AddressBook;
  readonly ingress: IngressNginxController;
  readonly net: ClusterNetwork;
  readonly stats = new TrafficStats();
  readonly traffic: TrafficModel;
  readonly random: SeededRandom;
  private readonly services: Informer<Service>;

  constructor(private readonly deps: NetworkStackDeps) {
    this.random = new SeededRandom((deps.seed ^ 0x7a11c0de) >>> 0);
    this.proxy = new KubeProxyModel({ informers: deps.informers, events: deps.events, nodeUp: deps.nodeUp });
    this.services = deps.informers.for<Service>("services");
    this.dns = new ClusterDns(deps.informers, () => this.dnsUp());
    this.book = new AddressBook(deps.informers);
    this.ingress = new IngressNginxController(deps.informers, deps.events, deps.ingressClient, () => this.ingressReady());
    this.net = new ClusterNetwork(this.proxy, this.dns, this.book, this.runtime, this.ingress, deps.nodeUp, this.random.fn);
    this.net.agents = deps.nodeAgent;
    this.traffic = new TrafficModel(this.net, this.stats, new ServerProfiles(this.runtime, this.book), deps.events);
    this.runtime.hostFor = (pod: Pod) => this.traffic.processHost(pod);
  }

  start(): void {
    this.proxy.start();
    this.ingress.start();
    this.book.pods.addEventHandler({
      delete: (p) => {
        this.traffic.podDeleted(p.metadata.uid);
        this.runtime.forget(p.metadata.uid);
      },
    });
    const slices = this.deps.informers.for<EndpointSlice>("endpointslices");
    const onSlice = (s: EndpointSlice): void => {
      if (s.metadata.namespace === INGRESS_NGINX.namespace && s.metadata.labels?.[LABEL_SERVICE_NAME] === INGRESS_NGINX.service) this.ingress.endpointsChanged();
    };
    slices.addEventHandler({ add: onSlice, update: (_o, s) => onSlice(s), delete: onSlice });
  }

  /** Pods reach CoreDNS through the kube-dns cluster IP: it answers while kube-proxy has an endpoint for it. */
  private dnsUp(): boolean {
    const rules = this.proxy.latest.services.get(KUBE_DNS);
    if (!rules) return false;
    for (const p of rules.ports) if (p.categorized(undefined).cluster.length > 0) return true;
    return false;
  }

  private ingressReady(): boolean {
    const svc = this.services.get(`${INGRESS_NGINX.namespace}/${INGRESS_NGINX.service}`);
    return svc !== undefined && this.dns.readyAddresses(svc).length > 0;
  }
}

// IngressNginxController: the simulated ingress-nginx controller (controller class k8s.io/ingress-nginx),
// the one `sim ingress enable` installs as the upstream "deploy" manifests do: namespace ingress-nginx,
// IngressClass "nginx", Deployment and LoadBalancer Service "ingress-nginx-controller".
// It handles Ingresses whose ingressClassName (or legacy kubernetes.io/ingress.class annotation) names an
// IngressClass of its controller, or that have no class when such an IngressClass is the default
// (ingressclass.kubernetes.io/is-default-class). While at least one controller pod is ready it publishes
// the address of its Service (--publish-service) in each handled Ingress's status.loadBalancer, which is
// what `kubectl get ingress` shows as ADDRESS; routing itself (ingressRouting.ts) reads every handled
// Ingress on each request, as nginx's reloaded configuration would.
// mirrors ingress-nginx internal/ingress/status/status.go (runningAddresses with publish-service,
// updateStatus) and internal/ingress/controller/store (IsValid class filtering).
import type { KubeObject } from "../../api/types";
import { ApiError } from "../../apiserver/errors";
import type { ApiClient } from "../../client/apiClient";
import type { Informer } from "../../client/informer";
import type { SharedInformers } from "../../client/sharedInformers";
import type { EventQueue, ScheduledTask } from "../../sim/eventQueue";
import type { Service } from "../../controllers/endpointslice/types";
import { IngressTable } from "./ingressRouting";

export const INGRESS_NGINX = {
  controllerClass: "k8s.io/ingress-nginx",
  namespace: "ingress-nginx",
  service: "ingress-nginx-controller",
  className: "nginx",
  actor: "ingress-nginx-controller",
} as const;

const DEFAULT_CLASS_ANNOTATION = "ingressclass.kubernetes.io/is-default-class";
const LEGACY_CLASS_ANNOTATION = "kubernetes.io/ingress.class";

export class IngressNginxController {
  private readonly ingresses: Informer<KubeObject>;
  private readonly classes: Informer<KubeObject>;
  private readonly services: Informer<Service>;
  private cached: IngressTable | undefined;
  private syncTask: ScheduledTask | undefined;

  constructor(
    informers: SharedInformers,
    private readonly events: EventQueue,
    private readonly client: ApiClient,
    /** Whether a controller pod is ready to serve (its Service has a usable endpoint). */
    private readonly controllerReady: () => boolean,
  ) {
    this.ingresses = informers.for("ingresses");
    this.classes = informers.for("ingressclasses");
    this.services = informers.for<Service>("services");
  }

  start(): void {
    const changed = (): void => {
      this.cached = undefined;
      this.requestStatusSync();
    };
    this.ingresses.addEventHandler({ add: changed, update: changed, delete: changed });
    this.classes.addEventHandler({ add: changed, update: changed, delete: changed });
    this.services.addEventHandler({
      add: (s) => this.onService(s),
      update: (_o, s) => this.onService(s),
      delete: (s) => this.onService(s),
    });
  }

  /** A readiness change of the controller pods (the traffic model calls this when its Service's endpoints change). */
  endpointsChanged(): void {
    this.requestStatusSync();
  }

  private onService(s: Service): void {
    if (s.metadata.namespace === INGRESS_NGINX.namespace && s.metadata.name === INGRESS_NGINX.service) this.requestStatusSync();
  }

  /** The address clients reach the controller at: its Service's load-balancer IP. */
  address(): string | undefined {
    const svc = this.services.get(`${INGRESS_NGINX.namespace}/${INGRESS_NGINX.service}`);
    return svc?.status?.loadBalancer?.ingress?.find((i) => i.ip)?.ip;
  }

  installed(): boolean {
    return this.services.get(`${INGRESS_NGINX.namespace}/${INGRESS_NGINX.service}`) !== undefined;
  }

  /** IngressClass names this controller owns, and whether one of them is the default. */
  private ownedClasses(): { names: Set<string>; hasDefault: boolean } {
    const names = new Set<string>();
    let hasDefault = false;
    for (const c of this.classes.list()) {
      if ((c.spec as { controller?: string } | undefined)?.controller !== INGRESS_NGINX.controllerClass) continue;
      names.add(c.metadata.name);
      if (c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === "true") hasDefault = true;
    }
    return { names, hasDefault };
  }

  /** The Ingresses this controller handles, oldest first. */
  handled(): KubeObject[] {
    const { names, hasDefault } = this.ownedClasses();
    const out = this.ingresses.list().filter((ing) => {
      const cls = (ing.spec as { ingressClassName?: string } | undefined)?.ingressClassName ?? ing.metadata.annotations?.[LEGACY_CLASS_ANNOTATION];
      return cls === undefined ? hasDefault : names.has(cls);
    });
    return out.sort((a, b) => {
      const ta = a.metadata.creationTimestamp ?? "";
      const tb = b.metadata.creationTimestamp ?? "";
      if (ta !== tb) return ta < tb ? -1 : 1;
      const ka = `${a.metadata.namespace}/${a.metadata.name}`;
      const kb = `${b.metadata.namespace}/${b.metadata.name}`;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
  }

  /** nginx's configuration, rebuilt after any change. Empty when the controller is not installed. */
  table(): IngressTable {
    this.cached ??= new IngressTable(this.installed() ? this.handled() : []);
    return this.cached;
  }

  private requestStatusSync(): void {
    if (this.syncTask) return;
    this.syncTask = this.events.after(0, "ingress-nginx:status", () => this.syncStatus());
  }

  /** updateStatus: handled Ingresses get the published address; others keep what they have. */
  syncStatus(): void {
    this.syncTask = undefined;
    if (!this.installed()) return;
    const ip = this.controllerReady() ? this.address() : undefined;
    if (!ip) return;
    for (const ing of this.handled()) {
      const current = (ing.status as { loadBalancer?: { ingress?: { ip?: string }[] } } | undefined)?.loadBalancer?.ingress ?? [];
      if (current.length === 1 && current[0]?.ip === ip) continue;
      try {
        this.client.patch(
          "Ingress",
          ing.metadata.namespace,
          ing.metadata.name,
          (o) => {
            o.status = { ...(o.status ?? {}), loadBalancer: { ingress: [{ ip }] } };
          },
          "status",
        );
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
      }
    }
  }
}

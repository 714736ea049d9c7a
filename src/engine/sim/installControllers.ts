// The control loops kube-controller-manager runs in this simulation, in the order upstream's
// NewControllerDescriptors lists them. Each is named as `kube-controller-manager --controllers` names it.
import { EndpointsController } from "../controllers/endpoints/endpointsController";
import { ServiceLoadBalancerController } from "../controllers/endpoints/serviceLoadBalancerController";
import { EndpointSliceController } from "../controllers/endpointslice/endpointSliceController";
import { CronJobController } from "../controllers/cronjob/cronJobController";
import { JobController } from "../controllers/job/jobController";
import { TTLAfterFinishedController } from "../controllers/job/ttlAfterFinishedController";
import { DaemonSetController } from "../controllers/daemonset/daemonSetController";
import { StatefulSetController } from "../controllers/statefulset/statefulSetController";
import { DeploymentController } from "../controllers/deployment/deploymentController";
import { GarbageCollector } from "../controllers/garbagecollector/garbageCollector";
import { NamespaceController } from "../controllers/namespace/namespaceController";
import { NodeLifecycleController } from "../controllers/nodelifecycle/nodeLifecycleController";
import { PodGCController } from "../controllers/podgc/podGCController";
import { ReplicaSetController } from "../controllers/replicaset/replicaSetController";
import { TaintEvictionController } from "../controllers/tainteviction/taintEvictionController";
import { LocalPathProvisioner } from "../controllers/volume/localPathProvisioner";
import { PersistentVolumeController } from "../controllers/volume/persistentVolumeController";
import { PVCProtectionController } from "../controllers/volume/pvcProtectionController";
import { PVProtectionController } from "../controllers/volume/pvProtectionController";
import { HorizontalController, type MetricsSource } from "../controllers/podautoscaler/horizontal";
import { ResourceQuotaController } from "../controllers/resourcequota/resourceQuotaController";
import { DisruptionController } from "../controllers/disruption/disruptionController";
import { ServiceAccountsController } from "../controllers/serviceaccount/serviceAccountsController";
import { ClusterRoleAggregationController } from "../apiserver/authorization/clusterRoleAggregation";
import { installAuthorization } from "../apiserver/authorization/install";
import type { ControllerManager } from "./controllerManager";

/** `metrics`: the metrics.k8s.io the horizontal-pod-autoscaler loop reads (the cluster's metrics-server). */
export function installControllers(cm: ControllerManager, metrics?: MetricsSource): void {
  const ctx = cm.ctx;
  // kube-apiserver --authorization-mode=Node,RBAC and its bootstrap policy; the loops below then act as
  // their upstream identities (authorization/identities.ts).
  installAuthorization(ctx.client("system:apiserver").api, ctx.clock, ctx.events);
  cm.add(new EndpointsController(ctx));
  cm.add(new EndpointSliceController(ctx));
  cm.add(new NamespaceController(ctx));
  cm.add(new ServiceAccountsController(ctx));
  cm.add(new ReplicaSetController(ctx, "ReplicationController"));
  cm.add(new PodGCController(ctx));
  cm.add(new GarbageCollector(ctx));
  cm.add(new DeploymentController(ctx));
  cm.add(new ReplicaSetController(ctx, "ReplicaSet"));
  cm.add(new DaemonSetController(ctx));
  cm.add(new StatefulSetController(ctx));
  cm.add(new JobController(ctx));
  cm.add(new CronJobController(ctx));
  cm.add(new TTLAfterFinishedController(ctx));
  cm.add(new NodeLifecycleController(ctx));
  cm.add(new TaintEvictionController(ctx));
  cm.add(new HorizontalController(ctx, metrics));
  cm.add(new DisruptionController(ctx));
  cm.add(new ResourceQuotaController(ctx));
  cm.add(new PersistentVolumeController(ctx));
  cm.add(new ClusterRoleAggregationController(ctx));
  cm.add(new PVCProtectionController(ctx));
  cm.add(new PVProtectionController(ctx));
  // cloud-provider-kind's service controller: LoadBalancer Services get an address from a local pool.
  cm.add(new ServiceLoadBalancerController(ctx));
  // kind's local-path-provisioner (rancher.io/local-path), the provisioner of the default StorageClass.
  cm.add(new LocalPathProvisioner(ctx));
}

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
import type { ControllerManager } from "./controllerManager";

export function installControllers(cm: ControllerManager): void {
  const ctx = cm.ctx;
  cm.add(new EndpointsController(ctx));
  cm.add(new EndpointSliceController(ctx));
  cm.add(new NamespaceController(ctx));
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
  // cloud-provider-kind's service controller: LoadBalancer Services get an address from a local pool.
  cm.add(new ServiceLoadBalancerController(ctx));
}

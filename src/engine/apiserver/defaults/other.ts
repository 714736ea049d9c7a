// Defaulting of the remaining groups the engine stores: autoscaling, networking, scheduling, storage.
// Mutates the object it is given.

type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/** autoscaling.DefaultCPUUtilization: the metric an HPA without metrics scales on. */
export const DEFAULT_CPU_UTILIZATION = 80;

function scaleUpRules(): Obj {
  return {
    stabilizationWindowSeconds: 0,
    selectPolicy: "Max",
    policies: [
      { type: "Pods", value: 4, periodSeconds: 15 },
      { type: "Percent", value: 100, periodSeconds: 15 },
    ],
  };
}

function scaleDownRules(): Obj {
  // stabilizationWindowSeconds stays unset: the controller's --horizontal-pod-autoscaler-downscale-stabilization (5m) applies.
  return { selectPolicy: "Max", policies: [{ type: "Percent", value: 100, periodSeconds: 15 }] };
}

// mirrors copyHPAScalingRules: user-set fields win over the defaults.
function mergeRules(from: unknown, to: Obj): Obj {
  if (!isObj(from)) return to;
  for (const k of ["selectPolicy", "stabilizationWindowSeconds", "policies", "tolerance"]) {
    if (from[k] != null) to[k] = from[k];
  }
  return to;
}

// mirrors SetDefaults_HorizontalPodAutoscaler + SetDefaults_HorizontalPodAutoscalerBehavior
// (k/k pkg/apis/autoscaling/v2/defaults.go)
export function defaultHPAv2(obj: Obj): void {
  if (!isObj(obj.spec)) obj.spec = {};
  const spec = obj.spec;
  if (spec.minReplicas == null) spec.minReplicas = 1;
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
    spec.metrics = [{
      type: "Resource",
      resource: { name: "cpu", target: { type: "Utilization", averageUtilization: DEFAULT_CPU_UTILIZATION } },
    }];
  }
  // Behavior is completed only when the user wrote one; otherwise the controller's defaults apply unseen.
  if (isObj(spec.behavior)) {
    spec.behavior.scaleUp = mergeRules(spec.behavior.scaleUp, scaleUpRules());
    spec.behavior.scaleDown = mergeRules(spec.behavior.scaleDown, scaleDownRules());
  }
}

// mirrors SetDefaults_HorizontalPodAutoscaler (k/k pkg/apis/autoscaling/v1/defaults.go)
export function defaultHPAv1(obj: Obj): void {
  if (!isObj(obj.spec)) obj.spec = {};
  if (obj.spec.minReplicas == null) obj.spec.minReplicas = 1;
}

// mirrors SetDefaults_NetworkPolicy + SetDefaults_NetworkPolicyPort (k/k pkg/apis/networking/v1/defaults.go)
export function defaultNetworkPolicy(obj: Obj): void {
  if (!isObj(obj.spec)) obj.spec = {};
  const spec = obj.spec;
  for (const dir of ["ingress", "egress"]) {
    if (!Array.isArray(spec[dir])) continue;
    for (const rule of spec[dir]) {
      if (!isObj(rule) || !Array.isArray(rule.ports)) continue;
      for (const p of rule.ports) if (isObj(p) && p.protocol == null) p.protocol = "TCP";
    }
  }
  if (!Array.isArray(spec.policyTypes) || spec.policyTypes.length === 0) {
    // Any policy implies Ingress; Egress too when it has egress rules.
    spec.policyTypes = ["Ingress"];
    if (Array.isArray(spec.egress) && spec.egress.length > 0) spec.policyTypes.push("Egress");
  }
}

// mirrors SetDefaults_PriorityClass (k/k pkg/apis/scheduling/v1/defaults.go)
export function defaultPriorityClass(obj: Obj): void {
  if (obj.preemptionPolicy == null) obj.preemptionPolicy = "PreemptLowerPriority";
}

// mirrors SetDefaults_StorageClass (k/k pkg/apis/storage/v1/defaults.go)
export function defaultStorageClass(obj: Obj): void {
  if (!obj.reclaimPolicy) obj.reclaimPolicy = "Delete";
  if (!obj.volumeBindingMode) obj.volumeBindingMode = "Immediate";
}

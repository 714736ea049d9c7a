// Gallery examples: namespaces and the policies that share a cluster between teams (quotas, limits,
// priorities, RBAC, disruption budgets).
import type { Example } from "./types";

export const POLICY_EXAMPLES: readonly Example[] = [
  {
    id: "namespace-team",
    title: "Namespace",
    description: "A namespace scopes names, quotas and access. `kubectl get pods -n team-a` looks inside it; deleting it deletes everything in it.",
    category: "Policy and tenancy",
    kinds: ["Namespace"],
    yaml: `# Namespaces are cluster-wide objects; most other kinds live inside one.
apiVersion: v1
kind: Namespace
metadata:
  name: team-a
  labels:
    team: a
    # Pod Security Admission reads labels like this one.
    pod-security.kubernetes.io/enforce: baseline
`,
  },
  {
    id: "resourcequota-team",
    title: "ResourceQuota for a namespace",
    description: "Caps what a namespace may request in total. Once it exists, every pod created there must say how much CPU and memory it requests and limits.",
    category: "Policy and tenancy",
    kinds: ["Namespace", "ResourceQuota"],
    yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: quota-demo
---
apiVersion: v1
kind: ResourceQuota
metadata:
  name: team-budget
  namespace: quota-demo
spec:
  # Totals over all pods in quota-demo; \`kubectl describe quota -n quota-demo\` shows Used and Hard.
  hard:
    pods: "10"
    requests.cpu: "2"
    requests.memory: 2Gi
    limits.cpu: "4"
    limits.memory: 4Gi
`,
  },
  {
    id: "limitrange-defaults",
    title: "LimitRange: default requests and limits",
    description: "Fills in requests and limits for containers that set none, and refuses containers outside the min/max range.",
    category: "Policy and tenancy",
    kinds: ["Namespace", "LimitRange"],
    yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: limits-demo
---
apiVersion: v1
kind: LimitRange
metadata:
  name: container-defaults
  namespace: limits-demo
spec:
  limits:
  - type: Container
    defaultRequest:      # used when a container sets no request
      cpu: 100m
      memory: 64Mi
    default:             # used when a container sets no limit
      cpu: 500m
      memory: 256Mi
    max:
      cpu: "1"
      memory: 512Mi
`,
  },
  {
    id: "priorityclass-critical",
    title: "PriorityClass and a pod that uses it",
    description: "Higher-priority pods are scheduled first and, when the cluster is full, may preempt lower-priority ones.",
    category: "Policy and tenancy",
    kinds: ["PriorityClass", "Pod"],
    yaml: `# PriorityClasses are cluster-wide. Values above 1000000000 are reserved for system pods.
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: business-critical
value: 100000
globalDefault: false
preemptionPolicy: PreemptLowerPriority
description: "Checkout and payment services."
---
apiVersion: v1
kind: Pod
metadata:
  name: checkout
spec:
  priorityClassName: business-critical   # admission turns this into spec.priority: 100000
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests:
        cpu: 250m
        memory: 128Mi
`,
  },
  {
    id: "rbac-pod-reader",
    title: "Role and RoleBinding: read-only access to pods",
    description: "A ServiceAccount, a Role that may only get, list and watch pods in this namespace, and the RoleBinding that grants the Role to the account.",
    category: "Policy and tenancy",
    kinds: ["ServiceAccount", "Role", "RoleBinding"],
    yaml: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: dashboard
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: pod-reader
rules:
- apiGroups: [""]          # "" is the core group (pods, services, ...)
  resources: ["pods", "pods/log"]
  verbs: ["get", "list", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: dashboard-reads-pods
subjects:
- kind: ServiceAccount
  name: dashboard
  namespace: default
roleRef:                   # cannot be changed after creation
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: pod-reader
`,
  },
  {
    id: "pdb-web",
    title: "PodDisruptionBudget for the web Deployment",
    description: "Voluntary disruptions such as `kubectl drain` must leave at least two web pods running; evictions that would break that are refused and retried.",
    category: "Policy and tenancy",
    kinds: ["PodDisruptionBudget"],
    yaml: `# Protects the pods of the Deployment example (app: web). It does not stop a node from crashing:
# budgets only limit evictions asked for through the API.
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 2
  selector:
    matchLabels:
      app: web
`,
  },
];

// Gallery examples: things that run pods. Written for Kubelab: every image here is one the simulated
// container runtime knows, so the pods really start, probe, finish or restart as they would on a cluster.
import type { Example } from "./types";

export const WORKLOAD_EXAMPLES: readonly Example[] = [
  {
    id: "pod-hello",
    title: "Pod: one nginx container",
    description: "The smallest unit Kubernetes schedules. Watch it go Pending → ContainerCreating → Running on a node chosen by the scheduler.",
    category: "Workloads",
    kinds: ["Pod"],
    yaml: `# A single Pod. Nothing recreates it if it dies or its node fails:
# for that, use a Deployment (see the Deployment example).
apiVersion: v1
kind: Pod
metadata:
  name: hello
  labels:
    app: hello
spec:
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - containerPort: 80
    # The scheduler only places the pod on a node with this much CPU and memory unreserved.
    resources:
      requests:
        cpu: 100m
        memory: 64Mi
      limits:
        memory: 128Mi
    # READY turns 1/1 only once nginx answers on port 80.
    readinessProbe:
      httpGet:
        path: /
        port: 80
      periodSeconds: 5
`,
  },
  {
    id: "pod-run-once",
    title: "Pod: a command that finishes",
    description: "A busybox container that counts to three and exits 0. With restartPolicy Never the pod ends as Completed instead of being restarted.",
    category: "Workloads",
    kinds: ["Pod"],
    yaml: `# restartPolicy decides what the kubelet does when a container exits:
#   Always (the default) restarts it, OnFailure only on a non-zero exit, Never leaves it.
apiVersion: v1
kind: Pod
metadata:
  name: countdown
spec:
  restartPolicy: Never
  containers:
  - name: count
    image: busybox:1.36
    command: ["sh", "-c", "for i in 3 2 1; do echo $i; sleep 1; done; echo done"]
`,
  },
  {
    id: "deployment-web",
    title: "Deployment: three nginx replicas",
    description: "A Deployment owns a ReplicaSet, which owns the pods. Kill a node and watch the ReplicaSet replace the pods that ran there; change the image to see a rolling update.",
    category: "Workloads",
    kinds: ["Deployment"],
    yaml: `# Deployment -> ReplicaSet (named web-<hash of the pod template>) -> 3 pods.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 3
  # The selector must match the template's labels: it is how the ReplicaSet counts its pods.
  selector:
    matchLabels:
      app: web
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1        # at most 4 pods exist during a rollout
      maxUnavailable: 0  # never fewer than 3 ready pods
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27   # try nginx:1.28, then: kubectl rollout status deployment/web
        ports:
        - containerPort: 80
        resources:
          requests:
            cpu: 100m
            memory: 64Mi
`,
  },
  {
    id: "replicaset-frontend",
    title: "ReplicaSet: keep two pods alive",
    description: "The controller a Deployment uses under the hood. Delete one of its pods and a new one appears at once; it cannot do rolling updates on its own.",
    category: "Workloads",
    kinds: ["ReplicaSet"],
    yaml: `# Usually you let a Deployment manage ReplicaSets. On its own, a ReplicaSet only keeps the count:
# editing its template does not touch the pods that already run.
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: frontend
spec:
  replicas: 2
  selector:
    matchLabels:
      tier: frontend
  template:
    metadata:
      labels:
        tier: frontend
    spec:
      containers:
      - name: echo
        image: hashicorp/http-echo:1.0
        args: ["-text=hello from the frontend", "-listen=:5678"]
        ports:
        - containerPort: 5678
`,
  },
  {
    id: "statefulset-cache",
    title: "StatefulSet with its headless Service",
    description: "Pods with stable names (cache-0, cache-1, cache-2) created one at a time, each waiting for the previous one to be Ready. The headless Service gives each a DNS name.",
    category: "Workloads",
    kinds: ["Service", "StatefulSet"],
    yaml: `# A headless Service (clusterIP: None) has no virtual IP: DNS answers with the pod IPs,
# and each pod gets cache-N.cache.default.svc.cluster.local.
apiVersion: v1
kind: Service
metadata:
  name: cache
spec:
  clusterIP: None
  selector:
    app: cache
  ports:
  - name: redis
    port: 6379
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: cache
spec:
  serviceName: cache      # the headless Service above
  replicas: 3
  # OrderedReady (the default): cache-1 is created only once cache-0 is Running and Ready.
  podManagementPolicy: OrderedReady
  selector:
    matchLabels:
      app: cache
  template:
    metadata:
      labels:
        app: cache
    spec:
      containers:
      - name: redis
        image: redis:7.4
        ports:
        - containerPort: 6379
          name: redis
        readinessProbe:
          tcpSocket:
            port: 6379
          periodSeconds: 5
  # Real databases add volumeClaimTemplates here; they need a StorageClass with a provisioner.
`,
  },
  {
    id: "daemonset-node-agent",
    title: "DaemonSet: one agent per node",
    description: "One pod on every node, including the control plane thanks to its toleration. Add a node with `sim node add node-4` and a new agent pod follows it.",
    category: "Workloads",
    kinds: ["DaemonSet"],
    yaml: `# Log collectors, node exporters and kube-proxy itself run as DaemonSets.
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  selector:
    matchLabels:
      app: node-agent
  template:
    metadata:
      labels:
        app: node-agent
    spec:
      # The control-plane node is tainted NoSchedule; this toleration lets the agent run there too.
      tolerations:
      - key: node-role.kubernetes.io/control-plane
        operator: Exists
        effect: NoSchedule
      containers:
      - name: agent
        image: busybox:1.36
        command: ["sh", "-c", "while true; do echo watching $NODE_NAME; sleep 30; done"]
        env:
        - name: NODE_NAME       # the downward API: the node this pod landed on
          valueFrom:
            fieldRef:
              fieldPath: spec.nodeName
        resources:
          requests:
            cpu: 10m
            memory: 16Mi
`,
  },
  {
    id: "job-batch",
    title: "Job: three completions, two at a time",
    description: "A Job runs pods until enough of them succeed. Here two pods run in parallel until three have completed; `kubectl get jobs` shows COMPLETIONS 3/3.",
    category: "Workloads",
    kinds: ["Job"],
    yaml: `apiVersion: batch/v1
kind: Job
metadata:
  name: batch
spec:
  completions: 3     # succeed three times...
  parallelism: 2     # ...with at most two pods at once
  backoffLimit: 2    # give up after 2 failed pods
  template:
    spec:
      restartPolicy: Never   # a Job's pods must use Never or OnFailure
      containers:
      - name: work
        image: busybox:1.36
        command: ["sh", "-c", "echo processing a batch; sleep 5; echo ok"]
`,
  },
  {
    id: "cronjob-report",
    title: "CronJob: a Job every minute",
    description: "The CronJob controller creates a Job on each tick of the schedule (in the simulated clock). Try `sim advance 3m`, then `kubectl get jobs`.",
    category: "Workloads",
    kinds: ["CronJob"],
    yaml: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "*/1 * * * *"      # minute hour day-of-month month day-of-week
  concurrencyPolicy: Forbid    # skip a run while the previous one is still going
  successfulJobsHistoryLimit: 3
  failedJobsHistoryLimit: 1
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: report
            image: busybox:1.36
            command: ["sh", "-c", "date; echo report written"]
`,
  },
  {
    id: "hpa-web",
    title: "HorizontalPodAutoscaler for a CPU-bound Deployment",
    description: "An autoscaling/v2 HPA that keeps average CPU near 50% of the pods' requests, between 1 and 5 replicas. The target needs CPU requests for the percentage to mean anything.",
    category: "Workloads",
    kinds: ["Deployment", "HorizontalPodAutoscaler"],
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cpu-burner
spec:
  selector:
    matchLabels:
      app: cpu-burner
  template:
    metadata:
      labels:
        app: cpu-burner
    spec:
      containers:
      - name: php
        image: registry.k8s.io/hpa-example
        ports:
        - containerPort: 80
        resources:
          requests:
            cpu: 200m   # utilization is measured against this request
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: cpu-burner
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: cpu-burner
  minReplicas: 1
  maxReplicas: 5
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 50
`,
  },
];

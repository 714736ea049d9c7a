// Gallery examples: Services, Ingress and NetworkPolicy. The Service examples select the pods of the
// "Deployment: three nginx replicas" example (label app: web), so apply that one too to see endpoints.
import type { Example } from "./types";

export const NETWORKING_EXAMPLES: readonly Example[] = [
  {
    id: "service-clusterip",
    title: "Service (ClusterIP) in front of an echo server",
    description: "A Deployment of two echo servers and the Service that load-balances to them. The Service gets a virtual IP from 10.96.0.0/12; its EndpointSlice lists the ready pods.",
    category: "Networking",
    kinds: ["Deployment", "Service"],
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: echo
spec:
  replicas: 2
  selector:
    matchLabels:
      app: echo
  template:
    metadata:
      labels:
        app: echo
    spec:
      containers:
      - name: echo
        image: hashicorp/http-echo:1.0
        args: ["-text=hello from echo", "-listen=:5678"]
        ports:
        - name: http
          containerPort: 5678
---
# ClusterIP is the default type: reachable only from inside the cluster.
apiVersion: v1
kind: Service
metadata:
  name: echo
spec:
  selector:
    app: echo          # every Ready pod with this label becomes an endpoint
  ports:
  - name: http
    port: 80           # the port on the Service's IP
    targetPort: http   # the container port, by name
`,
  },
  {
    id: "service-nodeport",
    title: "Service (NodePort)",
    description: "Opens the same port on every node (30000-32767) and forwards it to the pods labelled app: web. Apply the Deployment example to give it endpoints.",
    category: "Networking",
    kinds: ["Service"],
    yaml: `# A NodePort Service is also a ClusterIP Service: kubectl get svc shows PORT(S) 80:30080/TCP.
apiVersion: v1
kind: Service
metadata:
  name: web-nodeport
spec:
  type: NodePort
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
    nodePort: 30080   # leave it out and the API server picks a free one
`,
  },
  {
    id: "service-loadbalancer",
    title: "Service (LoadBalancer)",
    description: "Asks the cloud for an external load balancer in front of the node ports. EXTERNAL-IP shows <pending> until a load-balancer controller fills status.loadBalancer.",
    category: "Networking",
    kinds: ["Service"],
    yaml: `apiVersion: v1
kind: Service
metadata:
  name: web-public
spec:
  type: LoadBalancer
  selector:
    app: web
  ports:
  - name: http
    port: 80
    targetPort: 80
  # Local: only nodes that run a web pod receive traffic, and the client IP is kept.
  externalTrafficPolicy: Local
`,
  },
  {
    id: "service-headless",
    title: "Service (headless)",
    description: "clusterIP: None: no virtual IP and no kube-proxy rules; DNS returns the pod IPs directly. StatefulSets use one for stable per-pod names.",
    category: "Networking",
    kinds: ["Service"],
    yaml: `apiVersion: v1
kind: Service
metadata:
  name: web-direct
spec:
  clusterIP: None
  selector:
    app: web
  ports:
  - port: 80
  # Also publish pods that are not Ready yet (useful for peers discovering each other).
  publishNotReadyAddresses: true
`,
  },
  {
    id: "ingress-echo",
    title: "Ingress: route a host name to a Service",
    description: "HTTP routing by host and path to the echo Service. An Ingress only describes the routes: an ingress controller (nginx, Traefik, ...) must implement them.",
    category: "Networking",
    kinds: ["Ingress"],
    yaml: `# Routes http://echo.kubelab.local/ to the Service of the ClusterIP example.
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: echo
spec:
  rules:
  - host: echo.kubelab.local
    http:
      paths:
      - path: /
        pathType: Prefix    # Prefix, Exact or ImplementationSpecific
        backend:
          service:
            name: echo
            port:
              name: http
`,
  },
  {
    id: "networkpolicy-echo",
    title: "NetworkPolicy: only the frontend may call echo",
    description: "Once a policy selects a pod, ingress traffic to it is denied unless a rule allows it. Here only pods labelled tier: frontend may reach the echo pods on port 5678.",
    category: "Networking",
    kinds: ["NetworkPolicy"],
    yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: echo-from-frontend
spec:
  podSelector:            # the pods this policy protects
    matchLabels:
      app: echo
  policyTypes: ["Ingress"]
  ingress:
  - from:
    - podSelector:        # the pods allowed in (same namespace)
        matchLabels:
          tier: frontend
    ports:
    - protocol: TCP
      port: 5678
`,
  },
];

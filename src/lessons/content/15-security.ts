// Lesson 15: namespaces, RBAC (deny by default; Roles grant verbs on resources in a namespace;
// RoleBindings give them to subjects; `kubectl auth can-i` asks the authorizer) and NetworkPolicies
// (allow-lists for traffic to the Pods they select).
import type { Pod } from "../../engine/api/types";
import type { Attributes, UserInfo } from "../../engine/apiserver/authorization/types";
import { policyAllows } from "../../engine/networkpolicy/evaluate";
import { audited, isServing, LEARNER_ACTORS, learnerRead, pods } from "../checks";
import { file } from "../manifests";
import type { CheckContext, Lesson } from "../types";

const CLIENTS = `apiVersion: v1
kind: Pod
metadata:
  name: frontend
  namespace: dev
  labels:
    role: frontend
spec:
  containers:
  - name: shell
    image: busybox:1.36
    command: ["sleep", "3600"]
---
apiVersion: v1
kind: Pod
metadata:
  name: other
  namespace: dev
spec:
  containers:
  - name: shell
    image: busybox:1.36
    command: ["sleep", "3600"]
`;

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-allow-frontend
  namespace: dev
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes:
  - Ingress
  ingress:
  - from:
    - podSelector:
        matchLabels:
          role: frontend
    ports:
    - protocol: TCP
      port: 80
`;

const SA_USER: UserInfo = { name: "system:serviceaccount:dev:ci", groups: ["system:serviceaccounts", "system:serviceaccounts:dev", "system:authenticated"] };

interface Authorizer {
  authorize(a: Attributes): { decision: string };
}

/** What the API server's authorizer answers for the ServiceAccount dev/ci (false while RBAC is off). */
function ciMay(ctx: CheckContext, verb: string, resource: string, namespace: string): boolean {
  const authz = ctx.cluster.api.authorizer as unknown as Authorizer | undefined;
  if (!authz || typeof authz.authorize !== "function") return false;
  const a: Attributes = { user: SA_USER, verb, resourceRequest: true, apiGroup: "", resource, subresource: "", namespace, name: "", path: "" };
  return authz.authorize(a).decision === "Allow";
}

/** Whether NetworkPolicies let `from` reach every web Pod in dev on port 80. */
function reachesWeb(ctx: CheckContext, from: string): boolean | undefined {
  const client = ctx.get<Pod>("pods", "dev", from);
  const web = pods(ctx, "dev").filter((p) => p.metadata.labels?.app === "web" && isServing(p));
  if (!client || web.length === 0) return undefined;
  const policies = ctx.list("networkpolicies");
  const namespaces = ctx.list("namespaces");
  return web.every((to) => policyAllows({ from: { pod: client }, to, port: 80, protocol: "TCP", policies, namespaces }).allowed);
}

export const security: Lesson = {
  id: "security",
  number: 15,
  title: "Security: namespaces, RBAC, NetworkPolicies",
  goal: "Give an identity exactly the access it needs with RBAC, and limit which Pods may talk to which with a NetworkPolicy.",
  minutes: 14,
  prerequisites: ["services"],
  start: {
    seed: 15,
    nodes: 3,
    setup: [
      "kubectl create namespace dev",
      "kubectl create deployment web --image=nginx:1.27 --replicas=2 -n dev",
      "kubectl expose deployment web --port=80 -n dev",
      "kubectl apply -f clients.yaml",
      "kubectl rollout status deployment/web -n dev --timeout=2m",
    ],
    files: [file("clients.yaml", CLIENTS), file("netpol.yaml", POLICY)],
    speed: 1,
  },
  steps: [
    {
      title: "Namespaces",
      text: `A **namespace** is a scope for names: \`web\` in \`dev\` and \`web\` in \`default\` are different objects. It is also the unit RBAC rules, quotas and policies apply to. It is **not** a network wall: by default any Pod can reach any other.

This cluster has a \`dev\` namespace with a \`web\` Deployment and Service and two client Pods, \`frontend\` and \`other\`. kubectl works in \`default\` unless told otherwise.`,
      todo: "List what runs in dev: `kubectl get pods -n dev` (and compare with `kubectl get pods`).",
      check: { waitingFor: "you to list the Pods in dev", test: (ctx) => learnerRead(ctx, "pods", { namespace: "dev" }) },
      hints: ["`-n dev` chooses the namespace; `-A` lists them all."],
      showMe: { lines: ["kubectl get pods -n dev"] },
    },
    {
      title: "Denied by default",
      text: `Programs in Pods call the API server as a **ServiceAccount**. A new one may do nothing: Kubernetes authorization (**RBAC**) denies everything that no rule allows.

You are the cluster admin, but you can ask on someone else's behalf: \`kubectl auth can-i\` with \`--as\` sends a SelfSubjectAccessReview as that user and prints the authorizer's answer.`,
      todo: "Create a ServiceAccount `kubectl create serviceaccount ci -n dev`, then `kubectl auth can-i list pods -n dev --as=system:serviceaccount:dev:ci`.",
      check: {
        waitingFor: "a ServiceAccount ci in dev, and you to ask what it may do",
        test: (ctx) =>
          ctx.get("serviceaccounts", "dev", "ci") !== undefined &&
          audited(ctx, { verb: "create", resource: "selfsubjectaccessreviews", actors: LEARNER_ACTORS }).length + audited(ctx, { verb: "create", resource: "subjectaccessreviews", actors: LEARNER_ACTORS }).length > 0,
      },
      hints: ["The full user name of a ServiceAccount is `system:serviceaccount:<namespace>:<name>`.", "can-i prints `no` (and exits 1): that is the point."],
      showMe: { lines: ["kubectl create serviceaccount ci -n dev", "kubectl auth can-i list pods -n dev --as=system:serviceaccount:dev:ci"] },
      spotlight: ["kube-apiserver"],
    },
    {
      title: "Grant just enough",
      text: `A **Role** lists what may be done in one namespace: verbs (\`get\`, \`list\`, \`watch\`, \`create\`, \`delete\`, …) on resources. A **RoleBinding** gives a Role to subjects: users, groups, ServiceAccounts. (ClusterRoles and ClusterRoleBindings do the same cluster-wide.)

Give ci read-only access to Pods in dev, nothing more.`,
      todo: "`kubectl create role pod-reader --verb=get,list,watch --resource=pods -n dev`, then `kubectl create rolebinding ci-pod-reader --role=pod-reader --serviceaccount=dev:ci -n dev`. Check with `kubectl auth can-i`.",
      check: {
        waitingFor: "ci to be allowed to list Pods in dev, and still not to delete them",
        test: (ctx) => ciMay(ctx, "list", "pods", "dev") && !ciMay(ctx, "delete", "pods", "dev"),
      },
      hints: ["`kubectl auth can-i delete pods -n dev --as=system:serviceaccount:dev:ci` should still say no.", "Try `-n default` too: the Role only counts in dev."],
      showMe: {
        lines: [
          "kubectl create role pod-reader --verb=get,list,watch --resource=pods -n dev",
          "kubectl create rolebinding ci-pod-reader --role=pod-reader --serviceaccount=dev:ci -n dev",
          "kubectl auth can-i list pods -n dev --as=system:serviceaccount:dev:ci",
        ],
      },
    },
    {
      title: "A NetworkPolicy",
      text: `Any Pod can reach \`web\` now: try \`sim curl http://web --from other -n dev\`. A **NetworkPolicy** is an allow-list: once a policy selects a Pod for \`Ingress\`, only traffic some policy allows gets in, and everything else is dropped.

\`netpol.yaml\` selects the Pods \`app=web\` and allows TCP port 80 from Pods labelled \`role=frontend\` in the same namespace. (In a real cluster the network plugin enforces policies: kindnet, Calico, Cilium… A plugin without policy support silently ignores them.)`,
      todo: "Apply `netpol.yaml`, then compare `sim curl http://web --from frontend -n dev -m 3` with `--from other`.",
      check: {
        waitingFor: "web in dev to accept frontend and refuse other",
        test: (ctx) => reachesWeb(ctx, "frontend") === true && reachesWeb(ctx, "other") === false,
      },
      hints: ["`sim can-reach other <a web pod> 80 -n dev` explains the verdict.", "`-m 3` gives up after 3 seconds instead of curl's 2 minutes."],
      showMe: { files: [file("netpol.yaml", POLICY)], lines: ["kubectl apply -f netpol.yaml", "sim curl http://web --from frontend -n dev -m 3", "sim curl http://web --from other -n dev -m 3"] },
    },
  ],
  quiz: {
    ask(ctx) {
      const may = ciMay(ctx, "delete", "pods", "dev");
      return {
        question: "May the ServiceAccount ci delete Pods in dev?",
        choices: ["Yes", "No"],
        answer: may ? 0 : 1,
        explanation: may
          ? "Yes: some Role bound to it allows delete on pods in dev."
          : "No: its only Role, pod-reader, allows get, list and watch. Anything no rule allows is denied.",
      };
    },
  },
};


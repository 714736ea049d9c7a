import { beforeAll, describe, expect, it } from "vitest";
import type { Pod } from "../api/types";
import { Cluster } from "../sim/cluster";
import { defaultClusterConfig } from "../sim/clusterConfig";
import { Session } from "../sim/session";
import { COMMANDS, UNSIMULATED_COMMANDS } from "./commands";
import { complete } from "./completion";

/** Completes with the cursor at the end of the line (or at `|` when the line contains one). */
function at(s: Session, text: string): { candidates: string[]; replaceFrom: number } {
  const bar = text.indexOf("|");
  const line = bar < 0 ? text : text.slice(0, bar) + text.slice(bar + 1);
  return complete(s, line, bar < 0 ? line.length : bar);
}

const c = (s: Session, text: string): string[] => at(s, text).candidates;

describe("complete", () => {
  let s: Session;
  let webPods: string[];
  beforeAll(() => {
    const cluster = new Cluster(defaultClusterConfig({ seed: 3, workers: 3 }));
    s = new Session(cluster);
    s.run("kubectl create deployment web --image=nginx:1.27 --replicas=2");
    s.run("kubectl create namespace shop");
    s.run("kubectl create deployment cart --image=nginx:1.27 -n shop");
    s.run("sim advance 30s");
    webPods = cluster.list<Pod>("pods", "default").map((p) => p.metadata.name);
  });

  it("completes the command word", () => {
    expect(at(s, "")).toEqual({ candidates: ["kubectl", "sim"], replaceFrom: 0 });
    expect(at(s, "ku")).toEqual({ candidates: ["kubectl"], replaceFrom: 0 });
    expect(c(s, "x")).toEqual([]);
    expect(c(s, "helm ")).toEqual([]);
  });

  it("lists kubectl's sub-commands sorted, with help (cobra sorts commands)", () => {
    const all = c(s, "kubectl ");
    expect(all).toEqual([...all].sort());
    expect(all).toEqual([...COMMANDS.map((x) => x.name), "help"].sort());
    expect(all).toEqual(expect.arrayContaining(["annotate", "api-resources", "apply", "cordon", "create", "delete", "describe", "drain", "get", "help", "rollout", "scale"]));
    // Commands Kubelab does not run are not offered (running them only says so).
    for (const name of UNSIMULATED_COMMANDS) expect(all).not.toContain(name);
    expect(at(s, "kubectl ro")).toEqual({ candidates: ["rollout"], replaceFrom: 8 });
    expect(c(s, "k de")).toEqual(["delete", "describe"]);
    expect(c(s, "kubectl -n shop g")).toEqual(["get"]);
    expect(c(s, "kubectl rollout ")).toEqual(["history", "pause", "restart", "resume", "status", "undo"]);
    expect(c(s, "kubectl set ")).toEqual(["image"]);
  });

  it("completes resource types as `api-resources -o name` prints them, group-qualified", () => {
    expect(c(s, "kubectl get po")).toEqual(["pods", "podtemplates", "poddisruptionbudgets.policy"]);
    expect(c(s, "kubectl get dep")).toEqual(["deployments.apps"]);
    expect(c(s, "kubectl describe pods,se")).toEqual(["pods,secrets", "pods,serviceaccounts", "pods,services"]);
    expect(c(s, "kubectl get bind")).toEqual([]);
  });

  it("completes names of the typed resource in the current namespace, leaving out those already given", () => {
    expect(c(s, "kubectl get pods ")).toEqual(webPods);
    expect(c(s, "kubectl get po ")).toEqual(webPods);
    expect(c(s, `kubectl delete pod ${webPods[0]} `)).toEqual(webPods.slice(1));
    expect(c(s, "kubectl get deploy w")).toEqual(["web"]);
    expect(c(s, "kubectl get deploy -n shop ")).toEqual(["cart"]);
    expect(c(s, "kubectl get deploy --namespace=shop c")).toEqual(["cart"]);
    expect(c(s, "kubectl get nodes n")).toEqual(["node-1", "node-2", "node-3"]);
    expect(c(s, "kubectl get unicorns ")).toEqual([]);
  });

  it("supports the TYPE/NAME form", () => {
    expect(c(s, "kubectl get deploy/")).toEqual(["deploy/web"]);
    expect(at(s, "kubectl describe deployment/w")).toEqual({ candidates: ["deployment/web"], replaceFrom: 17 });
    expect(c(s, "kubectl get deploy/web po")).toEqual(["pods/", "podtemplates/", "poddisruptionbudgets.policy/"]);
  });

  it("limits types where the command does (rollout, scale) and takes one resource for rollout status", () => {
    expect(c(s, "kubectl rollout status ")).toEqual(["deployment", "daemonset", "statefulset"]);
    expect(c(s, "kubectl rollout pause ")).toEqual(["deployment"]);
    expect(c(s, "kubectl rollout status deployment ")).toEqual(["web"]);
    expect(c(s, "kubectl rollout status deployment web ")).toEqual([]);
    expect(c(s, "kubectl rollout status deployment/web ")).toEqual([]);
    expect(c(s, "kubectl scale r")).toEqual(["replicaset", "replicationcontroller"]);
    expect(c(s, "kubectl expose deployment ")).toEqual(["web"]);
    expect(c(s, "kubectl autoscale s")).toEqual(["statefulset"]);
    expect(c(s, "kubectl -n kube-system rollout restart daemonset/")).toEqual(["daemonset/kube-proxy"]);
  });

  it("completes node names for cordon, uncordon and drain", () => {
    expect(c(s, "kubectl cordon ")).toEqual(["control-plane", "node-1", "node-2", "node-3"]);
    expect(c(s, "kubectl drain node-")).toEqual(["node-1", "node-2", "node-3"]);
    expect(c(s, "kubectl drain node-1 ")).toEqual([]);
    expect(c(s, "kubectl top node n")).toEqual(["node-1", "node-2", "node-3"]);
    expect(c(s, "kubectl top pods ")).toEqual(webPods);
  });

  it("completes flags once the word starts with '-', without those already set", () => {
    expect(c(s, "kubectl get --all")).toEqual(["--all-namespaces", "--allow-missing-template-keys"]);
    expect(c(s, "kubectl drain node-1 --i")).toEqual(["--ignore-daemonsets", "--insecure-skip-tls-verify"]);
    expect(c(s, "kubectl get --namesp")).toEqual(["--namespace"]);
    expect(c(s, "kubectl get -n shop --namesp")).toEqual([]);
    expect(c(s, "kubectl get -")).toContain("-o");
    expect(c(s, "kubectl get -")).toContain("--output");
    expect(c(s, "kubectl --kubec")).toEqual(["--kubeconfig"]);
  });

  it("completes namespaces after -n and output formats after -o", () => {
    expect(c(s, "kubectl get pods -n ")).toEqual(["default", "kube-node-lease", "kube-public", "kube-system", "shop"]);
    expect(c(s, "kubectl get pods -n kube-s")).toEqual(["kube-system"]);
    expect(c(s, "kubectl get pods --namespace=kube-p")).toEqual(["--namespace=kube-public"]);
    expect(c(s, "kubectl get pods -n=sh")).toEqual(["-n=shop"]);
    expect(c(s, "kubectl get pods -o w")).toEqual(["wide"]);
    expect(c(s, "kubectl get pods -o j")).toEqual(["json", "jsonpath", "jsonpath-as-json", "jsonpath-file"]);
    expect(c(s, "kubectl scale deploy web -o w")).toEqual([]);
  });

  it("completes at the cursor, not at the end of the line", () => {
    expect(at(s, "kubectl get dep| -n shop")).toEqual({ candidates: ["deployments.apps"], replaceFrom: 12 });
    expect(complete(s, "kubectl get", 99).candidates).toEqual(["get"]);
    expect(complete(s, "kubectl get", -4).candidates).toEqual(["kubectl", "sim"]);
  });

  it("offers nothing inside an unterminated quote or after `kubectl help`", () => {
    expect(c(s, "kubectl label pod 'a b ")).toEqual([]);
    expect(c(s, "kubectl help ")).toEqual([]);
  });

  it("completes sim verbs and actions as the sim help lists them, and the nodes each action applies to", () => {
    const verbs = c(s, "sim ");
    expect(verbs).toEqual([...verbs].sort());
    expect(verbs).toEqual(expect.arrayContaining(["advance", "help", "node", "seed", "time"]));
    expect(c(s, "sim node ")).toEqual(expect.arrayContaining(["add", "kill", "restore"]));
    expect(c(s, "sim node re")).toEqual(["restore"]);
    expect(c(s, "sim node add ")).toEqual([]);
    expect(c(s, "sim node kill node-")).toEqual(["node-1", "node-2", "node-3"]);
    expect(c(s, "sim node kill node-1 node-")).toEqual(["node-2", "node-3"]);
    expect(c(s, "sim node restore ")).toEqual([]);
    s.run("sim node kill node-2");
    expect(c(s, "sim node restore ")).toEqual(["node-2"]);
    expect(c(s, "sim node kill node-")).toEqual(["node-1", "node-3"]);
    s.run("sim node restore node-2");
    expect(c(s, "sim advance ")).toEqual([]);
    expect(c(s, "sim control-plane ")).toEqual(["start", "status", "stop"]);
    expect(c(s, "sim control-plane stop kube-")).toEqual(["kube-apiserver", "kube-controller-manager", "kube-scheduler"]);
    expect(c(s, "sim zone kill ")).toEqual(["zone-a", "zone-b", "zone-c"]);
    expect(c(s, "sim etcd member ")).toEqual(["list", "start", "stop"]);
    expect(c(s, "sim pod kill ")).toEqual(webPods);
    expect(c(s, "sim pod kill -n shop c")).toEqual([c(s, "kubectl get pods -n shop c")[0]]);
    expect(c(s, "sim unknown ")).toEqual([]);
  });
});

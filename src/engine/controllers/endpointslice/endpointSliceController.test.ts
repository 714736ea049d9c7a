import { describe, expect, it } from "vitest";
import { resourceTypeForKind } from "../../api/registry";
import { rfc3339 } from "../../sim/clock";
import { GarbageCollector } from "../garbagecollector/garbageCollector";
import { EndpointSliceController } from "./endpointSliceController";
import {
  GUESTBOOK_FRONTEND_DEPLOYMENT, GUESTBOOK_FRONTEND_SERVICE, MY_NGINX_SERVICE, RUN_MY_NGINX_DEPLOYMENT, addNode, createPod, obj,
  serviceKernel, setPodStatus, slicesOf, writesBy, type ServiceKernel,
} from "./testKit";
import type { EndpointSlice } from "./types";

const ACTOR = "endpointslice-controller";
const POD = resourceTypeForKind("v1", "Pod")!;
const SVC = resourceTypeForKind("v1", "Service")!;
/** rand.String's alphabet (apimachinery util/rand): generated names end in 5 of these. */
const GENERATED = /^my-nginx-[bcdfghjklmnpqrstvwxz2456789]{5}$/;

function start(k: ServiceKernel, ...extra: { start(): void }[]): EndpointSliceController {
  const c = new EndpointSliceController(k.ctx);
  c.start();
  for (const e of extra) e.start();
  k.informers.startAll();
  return c;
}

function nginx(k: ServiceKernel): void {
  addNode(k, "node-1", "zone-a");
  addNode(k, "node-2", "zone-b");
  const tpl = RUN_MY_NGINX_DEPLOYMENT.spec.template;
  createPod(k, "my-nginx-5b56ccd65f-abcde", tpl, "node-1");
  createPod(k, "my-nginx-5b56ccd65f-fghij", tpl, "node-2");
  k.api.create("kubectl", obj(MY_NGINX_SERVICE));
}

function only(k: ServiceKernel, svc: string): EndpointSlice {
  const s = slicesOf(k, svc);
  expect(s).toHaveLength(1);
  return s[0]!;
}

const byPod = (s: EndpointSlice, pod: string) => s.endpoints!.find((e) => e.targetRef?.name === pod)!;

describe("EndpointSliceController", () => {
  it("run-my-nginx: two ready pods → one slice with two endpoints, as the docs show", () => {
    const k = serviceKernel();
    nginx(k);
    k.advance(3_000);
    setPodStatus(k, "my-nginx-5b56ccd65f-abcde", { ip: "10.244.1.5", ready: true });
    setPodStatus(k, "my-nginx-5b56ccd65f-fghij", { ip: "10.244.2.6", ready: true });
    const svc = k.store.get("services", "services/default/my-nginx")!;
    start(k);
    k.advance(100);

    const slice = only(k, "my-nginx");
    expect(slice.metadata.name).toMatch(GENERATED);
    expect(slice.metadata.generateName).toBe("my-nginx-");
    expect(slice.metadata.labels).toEqual({
      run: "my-nginx",
      "kubernetes.io/service-name": "my-nginx",
      "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io",
    });
    expect(slice.metadata.ownerReferences).toEqual([
      { apiVersion: "v1", kind: "Service", name: "my-nginx", uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(slice.addressType).toBe("IPv4");
    expect(slice.ports).toEqual([{ name: "", protocol: "TCP", port: 80 }]);
    const pod1 = k.store.get("pods", "pods/default/my-nginx-5b56ccd65f-abcde")!;
    expect(byPod(slice, "my-nginx-5b56ccd65f-abcde")).toEqual({
      addresses: ["10.244.1.5"],
      conditions: { ready: true, serving: true, terminating: false },
      targetRef: { kind: "Pod", namespace: "default", name: "my-nginx-5b56ccd65f-abcde", uid: pod1.metadata.uid },
      nodeName: "node-1",
      zone: "zone-a",
    });
    expect(byPod(slice, "my-nginx-5b56ccd65f-fghij")).toMatchObject({ addresses: ["10.244.2.6"], nodeName: "node-2", zone: "zone-b" });
    // First sync of a Service: the trigger time is the Service's creation.
    expect(slice.metadata.annotations?.["endpoints.kubernetes.io/last-change-trigger-time"]).toBe(svc.metadata.creationTimestamp);
    expect(k.errors).toEqual([]);
  });

  it("writes once, then stays quiet while nothing changes", () => {
    const k = serviceKernel();
    nginx(k);
    start(k);
    k.advance(100);
    setPodStatus(k, "my-nginx-5b56ccd65f-abcde", { ip: "10.244.1.5", ready: true });
    k.advance(100);
    const writes = writesBy(k, ACTOR, "endpointslices");
    // A pod status change that does not touch the endpoint (a label-free annotation, a new condition).
    k.api.patch("kubelet", POD, "default", "my-nginx-5b56ccd65f-abcde", (p) => {
      p.status = { ...p.status, conditions: [...p.status.conditions, { type: "PodReadyToStartContainers", status: "True" }] };
    }, "status");
    k.api.patch("kubectl", SVC, "default", "my-nginx", (s) => {
      s.metadata.annotations = { note: "x" };
    });
    k.advance(60_000);
    expect(writesBy(k, ACTOR, "endpointslices")).toBe(writes);
    expect(slicesOf(k, "my-nginx")).toHaveLength(1);
    expect(k.errors).toEqual([]);
  });

  it("a pod going NotReady stays as an endpoint with ready=false, serving=false", () => {
    const k = serviceKernel();
    nginx(k);
    start(k);
    setPodStatus(k, "my-nginx-5b56ccd65f-abcde", { ip: "10.244.1.5", ready: true });
    setPodStatus(k, "my-nginx-5b56ccd65f-fghij", { ip: "10.244.2.6", ready: true });
    k.advance(5_000);
    const notReadyAt = k.clock.absolute();
    setPodStatus(k, "my-nginx-5b56ccd65f-fghij", { ready: false });
    k.advance(100);
    const slice = only(k, "my-nginx");
    expect(byPod(slice, "my-nginx-5b56ccd65f-fghij").conditions).toEqual({ ready: false, serving: false, terminating: false });
    expect(byPod(slice, "my-nginx-5b56ccd65f-abcde").conditions).toEqual({ ready: true, serving: true, terminating: false });
    // The trigger is the pod's Ready transition.
    expect(slice.metadata.annotations?.["endpoints.kubernetes.io/last-change-trigger-time"]).toBe(rfc3339(notReadyAt));
  });

  it("a terminating pod is kept: terminating=true, ready=false, serving as its Ready condition", () => {
    const k = serviceKernel();
    nginx(k);
    start(k);
    setPodStatus(k, "my-nginx-5b56ccd65f-abcde", { ip: "10.244.1.5", ready: true });
    setPodStatus(k, "my-nginx-5b56ccd65f-fghij", { ip: "10.244.2.6", ready: true });
    k.advance(100);
    k.api.delete("kubectl", POD, "default", "my-nginx-5b56ccd65f-abcde");
    k.advance(100);
    expect(byPod(only(k, "my-nginx"), "my-nginx-5b56ccd65f-abcde").conditions).toEqual({ ready: false, serving: true, terminating: true });
    // Its readiness probe starts failing during shutdown: serving follows.
    setPodStatus(k, "my-nginx-5b56ccd65f-abcde", { ready: false });
    k.advance(100);
    expect(byPod(only(k, "my-nginx"), "my-nginx-5b56ccd65f-abcde").conditions).toEqual({ ready: false, serving: false, terminating: true });
    // Gone from the store: gone from the slice.
    k.api.delete("kubelet", POD, "default", "my-nginx-5b56ccd65f-abcde", { gracePeriodSeconds: 0 });
    k.store.remove("pods", "pods/default/my-nginx-5b56ccd65f-abcde");
    k.advance(100);
    expect(only(k, "my-nginx").endpoints!.map((e) => e.targetRef?.name)).toEqual(["my-nginx-5b56ccd65f-fghij"]);
  });

  it("publishNotReadyAddresses: a not-ready pod is ready=true (serving still false)", () => {
    const k = serviceKernel();
    addNode(k, "node-1");
    createPod(k, "web-0", RUN_MY_NGINX_DEPLOYMENT.spec.template, "node-1");
    const svc = obj(MY_NGINX_SERVICE);
    svc.spec.publishNotReadyAddresses = true;
    k.api.create("kubectl", svc);
    setPodStatus(k, "web-0", { ip: "10.244.1.9", ready: false });
    start(k);
    k.advance(100);
    expect(only(k, "my-nginx").endpoints![0]!.conditions).toEqual({ ready: true, serving: false, terminating: false });
  });

  it("named targetPort resolves per pod; a pod without that port name lands in a slice without ports", () => {
    const k = serviceKernel();
    addNode(k, "node-1");
    const named = { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx", ports: [{ name: "http-web", containerPort: 8080 }] }] } };
    const plain = { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx", ports: [{ containerPort: 80 }] }] } };
    createPod(k, "named", named, "node-1");
    createPod(k, "plain", plain, "node-1");
    k.api.create("kubectl", obj({ apiVersion: "v1", kind: "Service", metadata: { name: "web" }, spec: { selector: { app: "web" }, ports: [{ name: "http", port: 80, targetPort: "http-web" }] } }));
    setPodStatus(k, "named", { ip: "10.244.1.2", ready: true });
    setPodStatus(k, "plain", { ip: "10.244.1.3", ready: true });
    start(k);
    k.advance(100);
    const slices = slicesOf(k, "web");
    expect(slices).toHaveLength(2);
    const withPort = slices.find((s) => s.ports !== null)!;
    expect(withPort.ports).toEqual([{ name: "http", protocol: "TCP", port: 8080 }]);
    expect(withPort.endpoints!.map((e) => e.addresses[0])).toEqual(["10.244.1.2"]);
    const without = slices.find((s) => s.ports === null)!;
    expect(without.endpoints!.map((e) => e.addresses[0])).toEqual(["10.244.1.3"]);
  });

  it("guestbook: a selector that matches nothing leaves one empty placeholder slice", () => {
    const k = serviceKernel();
    addNode(k, "node-1");
    for (const n of ["frontend-a", "frontend-b", "frontend-c"]) createPod(k, n, GUESTBOOK_FRONTEND_DEPLOYMENT.spec.template, "node-1");
    k.api.create("kubectl", obj(GUESTBOOK_FRONTEND_SERVICE));
    ["10.244.1.2", "10.244.1.3", "10.244.1.4"].forEach((ip, i) => setPodStatus(k, `frontend-${"abc"[i]}`, { ip, ready: true }));
    start(k);
    k.advance(10_000);
    const slice = only(k, "frontend");
    expect(slice.endpoints).toBeNull();
    expect(slice.ports).toBeNull();
    expect(slice.metadata.name).toMatch(/^frontend-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(writesBy(k, ACTOR, "endpointslices")).toBe(1);
  });

  it("the placeholder turns into the real slice when pods match, and back", () => {
    const k = serviceKernel();
    addNode(k, "node-1");
    k.api.create("kubectl", obj(MY_NGINX_SERVICE));
    start(k);
    k.advance(100);
    const placeholder = only(k, "my-nginx");
    createPod(k, "p", RUN_MY_NGINX_DEPLOYMENT.spec.template, "node-1");
    setPodStatus(k, "p", { ip: "10.244.1.7", ready: true });
    k.advance(100);
    // finalize turns "create new + delete placeholder" into an update of the placeholder.
    const real = only(k, "my-nginx");
    expect(real.metadata.name).toBe(placeholder.metadata.name);
    expect(real.endpoints).toHaveLength(1);
    k.api.delete("kubectl", POD, "default", "p", { gracePeriodSeconds: 0 });
    k.store.remove("pods", "pods/default/p");
    k.advance(100);
    const back = only(k, "my-nginx");
    expect(back.endpoints).toBeNull();
    expect(back.ports).toBeNull();
    expect(k.errors).toEqual([]);
  });

  it("skips pods without an IP, terminal pods, and Services without a selector", () => {
    const k = serviceKernel();
    addNode(k, "node-1");
    const tpl = RUN_MY_NGINX_DEPLOYMENT.spec.template;
    createPod(k, "pending", tpl, "node-1");
    createPod(k, "done", tpl, "node-1");
    createPod(k, "up", tpl, "node-1");
    k.api.create("kubectl", obj(MY_NGINX_SERVICE));
    k.api.create("kubectl", obj({ apiVersion: "v1", kind: "Service", metadata: { name: "external-db" }, spec: { ports: [{ port: 5432 }] } }));
    setPodStatus(k, "up", { ip: "10.244.1.4", ready: true });
    setPodStatus(k, "done", { ip: "10.244.1.5", ready: false });
    k.api.patch("kubelet", POD, "default", "done", (p) => (p.status = { ...p.status, phase: "Succeeded" }), "status");
    start(k);
    k.advance(100);
    expect(only(k, "my-nginx").endpoints!.map((e) => e.targetRef?.name)).toEqual(["up"]);
    expect(slicesOf(k, "external-db")).toEqual([]);
  });

  it("more than 100 endpoints spill into a second slice", () => {
    const k = serviceKernel();
    addNode(k, "node-1");
    const tpl = RUN_MY_NGINX_DEPLOYMENT.spec.template;
    for (let i = 0; i < 130; i++) createPod(k, `p-${String(i).padStart(3, "0")}`, tpl, "node-1");
    k.api.create("kubectl", obj(MY_NGINX_SERVICE));
    for (let i = 0; i < 130; i++) setPodStatus(k, `p-${String(i).padStart(3, "0")}`, { ip: `10.244.${1 + (i >> 8)}.${i % 256}`, ready: true });
    start(k);
    k.advance(100);
    const sizes = slicesOf(k, "my-nginx").map((s) => s.endpoints!.length).sort((a, b) => a - b);
    expect(sizes).toEqual([30, 100]);
    expect(k.errors).toEqual([]);
  });

  it("a pod on a node the cache does not know is left out, with a warning event and a retry", () => {
    const k = serviceKernel();
    addNode(k, "node-1");
    const tpl = RUN_MY_NGINX_DEPLOYMENT.spec.template;
    createPod(k, "ok", tpl, "node-1");
    createPod(k, "lost", tpl, "ghost");
    k.api.create("kubectl", obj(MY_NGINX_SERVICE));
    setPodStatus(k, "ok", { ip: "10.244.1.4", ready: true });
    setPodStatus(k, "lost", { ip: "10.244.9.4", ready: true });
    start(k);
    k.advance(100);
    expect(only(k, "my-nginx").endpoints!.map((e) => e.targetRef?.name)).toEqual(["ok"]);
    const ev = k.store.list("events", "default").find((e) => e.reason === "FailedToUpdateEndpointSlices")!;
    expect(ev.message).toBe("Error updating Endpoint Slices for Service default/my-nginx: skipping Pod lost for Service default/my-nginx: Node ghost Not Found");
    expect((ev.source as { component: string }).component).toBe("endpoint-slice-controller");
    // The node shows up (kubelet registers late): the retry (1s backoff) adds the pod.
    addNode(k, "ghost");
    k.advance(2_000);
    expect(only(k, "my-nginx").endpoints).toHaveLength(2);
  });

  it("headless Services get the service.kubernetes.io/headless label", () => {
    const k = serviceKernel();
    const svc = obj(MY_NGINX_SERVICE);
    svc.spec.clusterIP = "None";
    k.api.create("kubectl", svc);
    start(k);
    k.advance(100);
    expect(only(k, "my-nginx").metadata.labels?.["service.kubernetes.io/headless"]).toBe("");
  });

  it("a slice deleted by hand is recreated; deleting the Service lets the garbage collector take its slices", () => {
    const k = serviceKernel();
    nginx(k);
    setPodStatus(k, "my-nginx-5b56ccd65f-abcde", { ip: "10.244.1.5", ready: true });
    start(k, new GarbageCollector(k.ctx));
    k.advance(100);
    const first = only(k, "my-nginx");
    k.api.delete("kubectl", resourceTypeForKind("discovery.k8s.io/v1", "EndpointSlice")!, "default", first.metadata.name);
    k.advance(1_100);
    const again = only(k, "my-nginx");
    expect(again.metadata.name).not.toBe(first.metadata.name);
    expect(again.endpoints).toHaveLength(1);
    k.api.delete("kubectl", SVC, "default", "my-nginx");
    k.advance(1_000);
    expect(slicesOf(k, "my-nginx")).toEqual([]);
  });

  it("coalesces a burst: changes within 50ms of a sync (client QPS 20) wait and are written together", () => {
    const k = serviceKernel();
    addNode(k, "node-1");
    const tpl = RUN_MY_NGINX_DEPLOYMENT.spec.template;
    for (const n of ["a", "b", "c"]) createPod(k, n, tpl, "node-1");
    k.api.create("kubectl", obj(MY_NGINX_SERVICE));
    start(k);
    k.advance(1_000);
    const before = writesBy(k, ACTOR, "endpointslices");
    setPodStatus(k, "a", { ip: "10.244.1.2", ready: true });
    k.advance(10);
    expect(only(k, "my-nginx").endpoints).toHaveLength(1);
    setPodStatus(k, "b", { ip: "10.244.1.3", ready: true });
    k.advance(10);
    setPodStatus(k, "c", { ip: "10.244.1.4", ready: true });
    k.advance(20);
    expect(only(k, "my-nginx").endpoints).toHaveLength(1);
    k.advance(20);
    expect(only(k, "my-nginx").endpoints).toHaveLength(3);
    expect(writesBy(k, ACTOR, "endpointslices") - before).toBe(2);
  });

  it("is deterministic: same seed, same slice names and writes", () => {
    const run = () => {
      const k = serviceKernel(7);
      nginx(k);
      setPodStatus(k, "my-nginx-5b56ccd65f-abcde", { ip: "10.244.1.5", ready: true });
      start(k);
      k.advance(100);
      return JSON.stringify(slicesOf(k, "my-nginx"));
    };
    expect(run()).toBe(run());
  });

  it("ExternalName Services get no slices", () => {
    const k = serviceKernel();
    k.api.create("kubectl", obj({ apiVersion: "v1", kind: "Service", metadata: { name: "ext" }, spec: { type: "ExternalName", externalName: "db.example.com", selector: { app: "x" } } }));
    start(k);
    k.advance(100);
    expect(slicesOf(k, "ext")).toEqual([]);
  });
});

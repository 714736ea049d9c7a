import { it } from "vitest";
import { EndpointSliceController } from "./endpointSliceController";
import { MY_NGINX_SERVICE, RUN_MY_NGINX_DEPLOYMENT, addNode, createPod, obj, serviceKernel, setPodStatus, slicesOf } from "./testKit";
it("dump", () => {
  const k = serviceKernel();
  addNode(k, "node-1", "zone-a");
  createPod(k, "a", RUN_MY_NGINX_DEPLOYMENT.spec.template, "node-1");
  k.api.create("kubectl", obj(MY_NGINX_SERVICE));
  const c = new EndpointSliceController(k.ctx); c.start(); k.informers.startAll();
  k.advance(5);
  setPodStatus(k, "a", { ip: "10.244.1.5", ready: true });
  k.advance(5);
  console.log(JSON.stringify(slicesOf(k, "my-nginx"), null, 1));
  console.log(JSON.stringify(k.store.get("services","services/default/my-nginx")!.spec));
  console.log(k.audit.since().filter(e => e.actor !== "kubectl").map(e => `${e.t} ${e.actor} ${e.verb} ${e.resource} ${e.name} ${e.code}`).join("\n"));
  console.log(k.errors);
});

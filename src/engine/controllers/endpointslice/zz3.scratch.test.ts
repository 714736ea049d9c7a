import { it } from "vitest";
import { EndpointSliceController } from "./endpointSliceController";
import { EndpointsController } from "../endpoints/endpointsController";
import { MY_NGINX_SERVICE, RUN_MY_NGINX_DEPLOYMENT, addNode, createPod, obj, serviceKernel, setPodStatus, slicesOf } from "./testKit";
it("perf", () => {
  const k = serviceKernel();
  addNode(k, "node-1");
  k.api.create("kubectl", obj(MY_NGINX_SERVICE));
  const a = new EndpointSliceController(k.ctx); a.start();
  // b
  k.informers.startAll();
  const N = 1000;
  for (let i = 0; i < N; i++) createPod(k, `p${i}`, RUN_MY_NGINX_DEPLOYMENT.spec.template, "node-1");
  k.advance(10);
  const t = Date.now();
  for (let i = 0; i < N; i++) { setPodStatus(k, `p${i}`, { ip: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, ready: true }); k.advance(1); }
  console.log("ms", Date.now() - t, slicesOf(k, "my-nginx").length, k.errors.length);
});

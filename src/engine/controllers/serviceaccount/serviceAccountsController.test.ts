// The serviceaccount controller (k/k pkg/controller/serviceaccount/serviceaccounts_controller.go): every
// active namespace gets a "default" ServiceAccount, re-created if deleted, never in a terminating one.
import { describe, expect, it } from "vitest";
import { resolveResource } from "../../api/registry";
import { admissionHooks } from "../../sim/admissionHooks";
import { namespaceObject } from "../../sim/bootstrap";
import { newKernel } from "../../testing/kernel";
import { ServiceAccountsController } from "./serviceAccountsController";

function setup() {
  const k = newKernel({ freeze: true });
  k.api.hooks = admissionHooks(k.store, k.random);
  k.api.create("system:apiserver", namespaceObject("default"));
  new ServiceAccountsController(k.ctx).start();
  k.informers.startAll();
  k.advance(100);
  const sas = (ns: string) => k.store.list("serviceaccounts", ns).map((s) => s.metadata.name);
  return { k, sas };
}

describe("ServiceAccountsController", () => {
  it("creates the default account in existing and new namespaces, as service-account-controller", () => {
    const { k, sas } = setup();
    expect(sas("default")).toEqual(["default"]);
    k.api.create("kubectl", namespaceObject("dev"));
    k.advance(100);
    expect(sas("dev")).toEqual(["default"]);
    expect(k.store.get("serviceaccounts", "serviceaccounts/dev/default")!.metadata).toMatchObject({ name: "default", namespace: "dev" });
    expect(k.audit.since(0).filter((e) => e.resource === "serviceaccounts").map((e) => [e.actor, e.verb, e.namespace, e.code])).toEqual([
      ["service-account-controller", "create", "default", 201],
      ["service-account-controller", "create", "dev", 201],
    ]);
  });

  it("re-creates a deleted default account but leaves other accounts alone", () => {
    const { k, sas } = setup();
    k.api.create("kubectl", { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "builder", namespace: "default" } } as never);
    k.api.delete("kubectl", resolveResource("serviceaccounts")!, "default", "default");
    k.advance(100);
    expect(sas("default")).toEqual(["builder", "default"]);
    k.api.delete("kubectl", resolveResource("serviceaccounts")!, "default", "builder");
    k.advance(100);
    expect(sas("default")).toEqual(["default"]);
  });

  it("creates nothing in a namespace that is terminating", () => {
    const { k, sas } = setup();
    k.api.create("kubectl", { ...namespaceObject("gone"), spec: { finalizers: ["kubernetes"] } } as never);
    k.api.delete("kubectl", resolveResource("namespaces")!, undefined, "gone");
    k.advance(100);
    expect(sas("gone")).toEqual([]);
  });
});

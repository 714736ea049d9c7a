// The request pipeline's lookups answer from the store as it is now, even where an answer is kept
// between requests (the global default PriorityClass, asked by every pod without a priorityClassName).
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/types";
import { newKernel } from "../testing/kernel";
import { admissionHooks } from "./admissionHooks";
import { namespaceObject } from "./bootstrap";
import { resolveResource } from "../api/registry";

const pod = (name: string) =>
  ({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default" }, spec: { containers: [{ name: "c", image: "nginx" }] } }) as unknown as KubeObject;
const priorityClass = (name: string, value: number) =>
  ({ apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name }, value, globalDefault: true }) as unknown as KubeObject;

describe("admissionHooks", () => {
  it("gives new pods the global default PriorityClass as it stands at each request", () => {
    const k = newKernel({ freeze: true });
    k.api.hooks = admissionHooks(k.store, k.random);
    k.api.create("system:apiserver", namespaceObject("default"));
    // No global default: priority 0 and no class name (upstream's DefaultPriorityWhenNoDefaultClassExists).
    const a = k.api.create("kubectl", pod("a"));
    expect([a.spec?.priorityClassName, a.spec?.priority]).toEqual([undefined, 0]);
    k.api.create("kubectl", priorityClass("high", 1000));
    const b = k.api.create("kubectl", pod("b"));
    expect([b.spec?.priorityClassName, b.spec?.priority]).toEqual(["high", 1000]);
    const c = k.api.create("kubectl", pod("c"));
    expect([c.spec?.priorityClassName, c.spec?.priority]).toEqual(["high", 1000]);
    k.api.delete("kubectl", resolveResource("priorityclasses")!, undefined, "high");
    const d = k.api.create("kubectl", pod("d"));
    expect([d.spec?.priorityClassName, d.spec?.priority]).toEqual([undefined, 0]);
  });
});

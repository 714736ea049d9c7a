// Remembering valid shared parts must never change an answer: a frozen part found valid is skipped, a
// mutable part is checked every time, and an invalid part reports its errors (at the right path) each time.
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { deepFreeze } from "../../sim/clone";
import { applyDefaults } from "../defaults";
import { validateCreate } from "./index";

function pod(name: string, labels: Record<string, string>, tolerations: unknown[]): KubeObject {
  const p = applyDefaults({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", uid: "u1", resourceVersion: "1" },
    spec: { containers: [{ name: "c", image: "nginx" }] },
  } as unknown as KubeObject);
  p.metadata.labels = labels;
  p.spec.tolerations = tolerations as never;
  return p;
}

const fields = (o: KubeObject) => validateCreate(o)?.errors.map((e) => `${e.field}: ${e.message}`) ?? [];

describe("validation of shared frozen parts", () => {
  it("answers the same for a shared frozen part as for a fresh copy, valid or not", () => {
    const goodLabels = deepFreeze({ app: "web" });
    const badTolerations = deepFreeze([{ key: "a", operator: "Bogus" }]);
    for (let i = 0; i < 3; i++) {
      expect(fields(pod(`p${i}`, goodLabels, []))).toEqual([]);
      expect(fields(pod(`q${i}`, goodLabels, badTolerations))).toEqual([
        'spec.tolerations[0].operator: Unsupported value: "Bogus": supported values: "Equal", "Exists"',
      ]);
    }
  });

  it("checks a mutable part every time (it may have changed since)", () => {
    const labels: Record<string, string> = { app: "web" };
    expect(fields(pod("a", labels, []))).toEqual([]);
    labels.app = "-bad-";
    expect(fields(pod("b", labels, [])).length).toBe(1);
    expect(fields(pod("b", labels, []))[0]).toMatch(/^metadata\.labels: Invalid value: "-bad-"/);
  });
});

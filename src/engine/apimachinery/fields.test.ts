import { describe, it, expect } from "vitest";
import type { KubeObject, Pod } from "../api/types";
import {
  convertFieldLabel,
  escapeFieldValue,
  FieldSelectorError,
  fieldSelectorForKind,
  matchesFieldSelector,
  parseFieldSelector,
  selectableFieldValue,
  unescapeFieldValue,
} from "./fields";

const pod = (over: Partial<Pod["spec"]> = {}, status: Pod["status"] = {}): Pod => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web-1", namespace: "default", uid: "u1", resourceVersion: "1", creationTimestamp: "2024-01-01T00:00:00Z" },
  spec: { containers: [{ name: "c" }], ...over },
  status,
});

describe("parseFieldSelector (upstream fields/selector_test.go)", () => {
  it("parses =, == and != and sorts terms", () => {
    const sel = parseFieldSelector("status.phase!=Running,spec.nodeName=node-1");
    expect(sel.toString()).toBe("spec.nodeName=node-1,status.phase!=Running");
    expect(parseFieldSelector("x==a").toString()).toBe("x=a");
    expect(parseFieldSelector("x=a,y=b,z=c").requirements.map((r) => r.field)).toEqual(["x", "y", "z"]);
    expect(parseFieldSelector("x=").requiresExactMatch("x")).toBe("");
    expect(parseFieldSelector("").empty()).toBe(true);
    expect(parseFieldSelector("x=a,").toString()).toBe("x=a");
  });

  it("rejects terms without an operator, with upstream wording", () => {
    expect(() => parseFieldSelector("x")).toThrow("invalid selector: 'x'; can't understand 'x'");
    expect(() => parseFieldSelector("x=a,y")).toThrow("invalid selector: 'x=a,y'; can't understand 'y'");
    expect(() => parseFieldSelector("x>1")).toThrow(FieldSelectorError);
  });

  it("handles escaping like EscapeValue/UnescapeValue", () => {
    expect(escapeFieldValue("a\\b,c=d")).toBe("a\\\\b\\,c\\=d");
    expect(unescapeFieldValue("a\\\\b\\,c\\=d")).toBe("a\\b,c=d");
    expect(parseFieldSelector("x=a\\,b").requiresExactMatch("x")).toBe("a,b");
    expect(() => unescapeFieldValue("a\\x")).toThrow("invalid field selector: invalid escape sequence: \\x");
    expect(() => unescapeFieldValue("a\\")).toThrow("invalid field selector: invalid escape sequence: \\");
    // %v of a Go rune prints its code point.
    expect(() => parseFieldSelector("x=a=b")).toThrow("invalid field selector: unescaped character in value: 61");
    expect(() => parseFieldSelector("x!==a")).toThrow("invalid field selector: unescaped character in value: 61");
  });
});

describe("field label conversion (ConvertFieldLabel)", () => {
  it("accepts pod fields and maps spec.host", () => {
    for (const f of ["metadata.name", "spec.nodeName", "spec.restartPolicy", "status.phase", "status.podIP", "status.nominatedNodeName", "spec.hostNetwork"]) {
      expect(convertFieldLabel("", "Pod", f)).toBe(f);
    }
    expect(convertFieldLabel("", "Pod", "spec.host")).toBe("spec.nodeName");
  });

  it("reports upstream's messages", () => {
    expect(() => convertFieldLabel("", "Pod", "foo")).toThrow("field label not supported: foo");
    expect(() => convertFieldLabel("", "Node", "metadata.namespace")).toThrow("field label not supported: metadata.namespace");
    expect(() => convertFieldLabel("apps", "Deployment", "spec.replicas")).toThrow(
      `"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"`,
    );
    expect(() => convertFieldLabel("batch", "Job", "status.succeeded")).toThrow(`field label "status.succeeded" not supported for batchv1.Job`);
    expect(convertFieldLabel("", "Event", "involvedObject.name")).toBe("involvedObject.name");
    expect(convertFieldLabel("apps", "ReplicaSet", "metadata.name")).toBe("metadata.name");
  });

  it("converts a whole selector for a kind", () => {
    expect(fieldSelectorForKind("", "Pod", "spec.host=node-1").toString()).toBe("spec.nodeName=node-1");
    expect(() => fieldSelectorForKind("", "Pod", "foo=bar")).toThrow("field label not supported: foo");
  });
});

describe("matching objects", () => {
  it("matches pods on their selectable fields", () => {
    const running = pod({ nodeName: "node-1" }, { phase: "Running", podIPs: [{ ip: "10.0.0.5" }] });
    const pending = pod({}, { phase: "Pending" });
    const sel = fieldSelectorForKind("", "Pod", "spec.nodeName=node-1,status.phase!=Pending");
    expect(matchesFieldSelector(sel, running)).toBe(true);
    expect(matchesFieldSelector(sel, pending)).toBe(false);
    // An unscheduled pod has spec.nodeName "" (fields.Set.Get of an empty value).
    expect(matchesFieldSelector(fieldSelectorForKind("", "Pod", "spec.nodeName="), pending)).toBe(true);
    expect(selectableFieldValue(running, "status.podIP")).toBe("10.0.0.5");
    expect(selectableFieldValue(running, "spec.hostNetwork")).toBe("false");
    expect(matchesFieldSelector(fieldSelectorForKind("", "Pod", "metadata.namespace=default,metadata.name=web-1"), running)).toBe(true);
    expect(matchesFieldSelector(parseFieldSelector(""), running)).toBe(true);
  });

  it("matches events and nodes", () => {
    const ev = {
      apiVersion: "v1", kind: "Event",
      metadata: { name: "e", namespace: "default", uid: "e1", resourceVersion: "1", creationTimestamp: "" },
      involvedObject: { kind: "Pod", name: "web-1", namespace: "default", uid: "u1" },
      reason: "Scheduled", type: "Normal", source: { component: "" }, reportingComponent: "default-scheduler",
    } as unknown as KubeObject;
    expect(matchesFieldSelector(fieldSelectorForKind("", "Event", "involvedObject.kind=Pod,involvedObject.name=web-1,reason=Scheduled,type=Normal"), ev)).toBe(true);
    // source falls back to the reporting controller when source.component is empty.
    expect(selectableFieldValue(ev, "source")).toBe("default-scheduler");
    const node = { apiVersion: "v1", kind: "Node", metadata: { name: "n1", uid: "n", resourceVersion: "1", creationTimestamp: "" }, spec: { unschedulable: true }, status: {} } as KubeObject;
    expect(matchesFieldSelector(fieldSelectorForKind("", "Node", "spec.unschedulable=true"), node)).toBe(true);
    expect(matchesFieldSelector(fieldSelectorForKind("", "Node", "spec.unschedulable!=true"), node)).toBe(false);
  });
});

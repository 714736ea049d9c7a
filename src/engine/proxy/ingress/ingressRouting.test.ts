// Expectations are the Ingress docs' own tables (web concepts/services-networking/ingress.md: "Examples"
// of path matching and "Hostname wildcards"), plus ingress-nginx's precedence rules.
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { IngressTable } from "./ingressRouting";

type PathType = "Exact" | "Prefix" | "ImplementationSpecific";

function ingress(name: string, rules: { host?: string; paths: [string, PathType, string][] }[], extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name, namespace: "default", uid: name, resourceVersion: "1", creationTimestamp: "2025-01-01T00:00:00Z" },
    spec: {
      ...extra,
      rules: rules.map((r) => ({
        ...(r.host ? { host: r.host } : {}),
        http: { paths: r.paths.map(([path, pathType, svc]) => ({ path, pathType, backend: { service: { name: svc, port: { number: 80 } } } })) },
      })),
    },
  };
}

function routeTo(paths: [string, PathType, string][], request: string): string {
  const r = new IngressTable([ingress("i", [{ paths }])]).route("example.com", request);
  return r.kind === "default" ? "default" : r.backend.service;
}

describe("IngressTable path matching (ingress.md Examples table)", () => {
  const cases: [PathType | "Mixed", [string, PathType][], string, boolean][] = [
    ["Prefix", [["/", "Prefix"]], "/anything/at/all", true],
    ["Exact", [["/foo", "Exact"]], "/foo", true],
    ["Exact", [["/foo", "Exact"]], "/bar", false],
    ["Exact", [["/foo", "Exact"]], "/foo/", false],
    ["Exact", [["/foo/", "Exact"]], "/foo", false],
    ["Prefix", [["/foo", "Prefix"]], "/foo", true],
    ["Prefix", [["/foo", "Prefix"]], "/foo/", true],
    ["Prefix", [["/foo/", "Prefix"]], "/foo", true],
    ["Prefix", [["/foo/", "Prefix"]], "/foo/", true],
    ["Prefix", [["/aaa/bb", "Prefix"]], "/aaa/bbb", false],
    ["Prefix", [["/aaa/bbb", "Prefix"]], "/aaa/bbb", true],
    ["Prefix", [["/aaa/bbb/", "Prefix"]], "/aaa/bbb", true],
    ["Prefix", [["/aaa/bbb", "Prefix"]], "/aaa/bbb/", true],
    ["Prefix", [["/aaa/bbb", "Prefix"]], "/aaa/bbb/ccc", true],
    ["Prefix", [["/aaa/bbb", "Prefix"]], "/aaa/bbbxyz", false],
    ["Prefix", [["/aaa", "Prefix"]], "/ccc", false],
  ];
  for (const [kind, rules, request, matches] of cases) {
    it(`${kind} ${rules.map((r) => r[0]).join(", ")} ${matches ? "matches" : "does not match"} ${request}`, () => {
      expect(routeTo(rules.map(([p, t]) => [p, t, "svc"]), request)).toBe(matches ? "svc" : "default");
    });
  }

  it("takes the longest matching prefix", () => {
    const rules: [string, PathType, string][] = [
      ["/", "Prefix", "root"],
      ["/aaa", "Prefix", "aaa"],
      ["/aaa/bbb", "Prefix", "bbb"],
    ];
    expect(routeTo(rules.slice(0, 2), "/aaa/ccc")).toBe("aaa");
    expect(routeTo(rules, "/aaa/bbb")).toBe("bbb");
    expect(routeTo(rules, "/ccc")).toBe("root");
  });

  it("prefers Exact over Prefix for the same path", () => {
    expect(routeTo([["/foo", "Prefix", "prefix"], ["/foo", "Exact", "exact"]], "/foo")).toBe("exact");
    expect(routeTo([["/foo", "Exact", "exact"], ["/foo", "Prefix", "prefix"]], "/foo/bar")).toBe("prefix");
  });

  it("ignores the query string", () => {
    expect(routeTo([["/foo", "Exact", "svc"]], "/foo?x=1")).toBe("svc");
  });
});

describe("IngressTable hosts", () => {
  const table = new IngressTable([
    ingress("wild", [{ host: "*.foo.com", paths: [["/", "Prefix", "wild"]] }]),
    ingress("exact", [{ host: "bar.foo.com", paths: [["/", "Prefix", "exact"]] }, { paths: [["/", "Prefix", "any"]] }]),
  ]);
  const svc = (host: string): string => {
    const r = table.route(host, "/");
    return r.kind === "default" ? "default" : r.backend.service;
  };

  it("matches a wildcard host on exactly one more label (ingress.md Hostname wildcards)", () => {
    expect(svc("baz.foo.com")).toBe("wild");
    // "*.foo.com" does not match "baz.bar.foo.com" nor "foo.com": those fall to the rule without a host.
    expect(svc("baz.bar.foo.com")).toBe("any");
    expect(svc("foo.com")).toBe("any");
  });

  it("prefers the exact host over the wildcard and is case-insensitive", () => {
    expect(svc("bar.foo.com")).toBe("exact");
    expect(svc("BAR.foo.com")).toBe("exact");
  });

  it("knows which hosts it serves", () => {
    expect(table.servesHost("bar.foo.com")).toBe(true);
    expect(table.servesHost("x.foo.com")).toBe(true);
    expect(table.servesHost("example.org")).toBe(false);
  });
});

describe("IngressTable backends", () => {
  it("uses the defaultBackend when nothing matches", () => {
    const t = new IngressTable([ingress("i", [{ paths: [["/app", "Prefix", "app"]] }], { defaultBackend: { service: { name: "fallback", port: { number: 80 } } } })]);
    const r = t.route("x", "/other");
    expect(r.kind === "backend" && r.backend.service).toBe("fallback");
  });

  it("gives a conflicting host and path to the oldest Ingress", () => {
    const older = ingress("older", [{ host: "a.example.com", paths: [["/", "Prefix", "first"]] }]);
    const newer = ingress("newer", [{ host: "a.example.com", paths: [["/", "Prefix", "second"]] }]);
    const r = new IngressTable([older, newer]).route("a.example.com", "/");
    expect(r.kind === "backend" && r.backend.service).toBe("first");
  });

  it("returns the default backend for a host whose paths do not match", () => {
    const t = new IngressTable([ingress("i", [{ host: "a.example.com", paths: [["/api", "Prefix", "api"]] }, { paths: [["/", "Prefix", "any"]] }])]);
    expect(t.route("a.example.com", "/web").kind).toBe("default");
  });
});

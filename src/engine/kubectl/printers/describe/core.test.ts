// Expected strings follow describeService / formatEndpointSlices / describeEndpoints / describeNamespace
// (kubectl pkg/describe/describe.go; TestDescribeService's "ClusterIP" cases give the same shape).
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../api/types";
import { describeEndpoints, describeNamespace, describeService, formatEndpointSlices } from "./core";

const NOW = Date.UTC(2026, 0, 1);
const slice = (ports: unknown[], ips: [string, boolean | undefined][]) =>
  ({ apiVersion: "discovery.k8s.io/v1", kind: "EndpointSlice", metadata: { name: "s" }, ports, endpoints: ips.map(([ip, ready]) => ({ addresses: [ip], conditions: ready === undefined ? {} : { ready } })) }) as unknown as KubeObject;

describe("formatEndpointSlices", () => {
  it("lists ready ip:port pairs, three at most", () => {
    expect(formatEndpointSlices([], undefined)).toBe("<none>");
    const s = slice([{ name: "", port: 80 }], [["10.0.0.1", true], ["10.0.0.2", false], ["10.0.0.3", undefined]]);
    expect(formatEndpointSlices([s], new Set([""]))).toBe("10.0.0.1:80,10.0.0.3:80");
    const many = slice([{ name: "", port: 80 }], [["1.1.1.1", true], ["1.1.1.2", true], ["1.1.1.3", true], ["1.1.1.4", true], ["1.1.1.5", true]]);
    expect(formatEndpointSlices([many], undefined)).toBe("1.1.1.1:80,1.1.1.2:80,1.1.1.3:80 + 2 more...");
    expect(formatEndpointSlices([slice([], [["10.0.0.9", true]])], undefined)).toBe("10.0.0.9");
  });
});

describe("describeService", () => {
  it("prints a ClusterIP service with its endpoints", () => {
    const svc = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "bar", namespace: "foo" },
      spec: { type: "ClusterIP", selector: { app: "bar" }, clusterIP: "1.2.3.4", clusterIPs: ["1.2.3.4"], ipFamilies: ["IPv4"], ipFamilyPolicy: "SingleStack", ports: [{ port: 8080, targetPort: 9527, protocol: "TCP" }], sessionAffinity: "None", internalTrafficPolicy: "Cluster" },
    } as unknown as KubeObject;
    const out = describeService(svc, [slice([{ name: "", port: 9527 }], [["10.244.0.1", true]])], [], NOW);
    for (const s of [
      "Selector:                 app=bar\nType:                     ClusterIP\nIP Family Policy:         SingleStack\nIP Families:              IPv4\nIP:                       1.2.3.4\nIPs:                      1.2.3.4\n",
      "Port:                     <unset>  8080/TCP\nTargetPort:               9527/TCP\nEndpoints:                10.244.0.1:9527\n",
      "Session Affinity:         None\nInternal Traffic Policy:  Cluster\nEvents:                   <none>\n",
    ]) expect(out).toContain(s);
  });
});

describe("describeEndpoints", () => {
  it("prints each subset", () => {
    const ep = { apiVersion: "v1", kind: "Endpoints", metadata: { name: "bar", namespace: "foo" }, subsets: [{ addresses: [{ ip: "10.0.0.1" }, { ip: "10.0.0.2" }], ports: [{ port: 80, protocol: "TCP" }] }] } as unknown as KubeObject;
    const out = describeEndpoints(ep, undefined, NOW);
    expect(out).toContain("Subsets:\n  Addresses:          10.0.0.1,10.0.0.2\n  NotReadyAddresses:  <none>\n  Ports:\n    Name     Port  Protocol\n    ----     ----  --------\n    <unset>  80    TCP\n\n");
  });
});

describe("describeNamespace", () => {
  it("prints status and says when there is no quota or limit range", () => {
    const ns = { apiVersion: "v1", kind: "Namespace", metadata: { name: "default", labels: { "kubernetes.io/metadata.name": "default" } }, status: { phase: "Active" } } as unknown as KubeObject;
    expect(describeNamespace(ns, [], [])).toBe("Name:         default\nLabels:       kubernetes.io/metadata.name=default\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n");
  });
});

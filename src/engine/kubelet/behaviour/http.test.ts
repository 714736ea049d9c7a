import { describe, expect, it } from "vitest";
import { accessLogLine, respondHttp, type HttpRequest } from "./http";
import { ContainerFs } from "./containerFs";
import { NGINX_INDEX_HTML } from "./imageCatalogue";
import type { HttpBehaviour } from "./types";

const fs = new ContainerFs([], { "/usr/share/nginx/html/index.html": NGINX_INDEX_HTML });
const req = (path: string, sinceStartMs = 0): HttpRequest => ({ path, fs, sinceStartMs, hostname: "web-1", wallMs: Date.UTC(2025, 0, 1) });
const nginx: HttpBehaviour = { kind: "static", docRoot: "/usr/share/nginx/html", dirStatus: 403, server: "nginx" };

describe("respondHttp", () => {
  it("nginx serves index.html, 404s missing files", () => {
    expect(respondHttp(nginx, req("/")).status).toBe(200);
    expect(respondHttp(nginx, req("/index.html?x=1")).body).toBe(NGINX_INDEX_HTML);
    const missing = respondHttp(nginx, req("/nope"));
    expect(missing.status).toBe(404);
    expect(missing.body).toContain("<center><h1>404 Not Found</h1></center>");
  });

  it("nginx forbids a directory without index.html", () => {
    const empty = new ContainerFs([{ mountPath: "/usr/share/nginx/html", volumeName: "v", files: new Map(), readOnly: false, subPath: "" }]);
    expect(respondHttp(nginx, { ...req("/"), fs: empty }).status).toBe(403);
  });

  it("agnhost liveness: /healthz is 200 up to 10 s, 500 after", () => {
    const live: HttpBehaviour = { kind: "liveness" };
    expect(respondHttp(live, req("/healthz", 10_000))).toEqual({ status: 200, body: "ok" });
    expect(respondHttp(live, req("/healthz", 10_001))).toEqual({ status: 500, body: "error: 10.001" });
    expect(respondHttp(live, req("/other")).status).toBe(404);
  });

  it("hello-app greets with version and hostname", () => {
    expect(respondHttp({ kind: "helloApp", version: "2.0.0" }, req("/")).body).toBe("Hello, world!\nVersion: 2.0.0\nHostname: web-1\n");
  });

  it("netexec echoes and tells its hostname", () => {
    expect(respondHttp({ kind: "netexec" }, req("/echo?msg=hi%20there")).body).toBe("hi there");
    expect(respondHttp({ kind: "netexec" }, req("/hostname")).body).toBe("web-1");
  });

  it("goproxy refuses non-proxy requests with 500", () => {
    expect(respondHttp({ kind: "proxy" }, req("/")).status).toBe(500);
  });
});

describe("accessLogLine", () => {
  it("uses nginx's combined format", () => {
    const res = respondHttp(nginx, req("/"));
    expect(accessLogLine(nginx, "/", res, "10.244.0.1", "kube-probe/1.34", Date.UTC(2025, 0, 1, 0, 0, 30))).toBe(
      `10.244.0.1 - - [01/Jan/2025:00:00:30 +0000] "GET / HTTP/1.1" 200 ${NGINX_INDEX_HTML.length} "-" "kube-probe/1.34" "-"`,
    );
  });
  it("is silent for servers without access logs", () => {
    expect(accessLogLine({ kind: "liveness" }, "/healthz", { status: 200, body: "ok" }, "1.2.3.4", "x", 0)).toBeUndefined();
  });
});

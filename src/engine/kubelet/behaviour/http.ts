// How the modelled servers answer an HTTP GET: status and body, plus the access-log line nginx/apache
// write for it (a real `kubectl logs` of nginx shows every kube-probe request).

import type { ContainerFs } from "./containerFs";
import type { HttpBehaviour } from "./types";

export interface HttpRequest {
  /** Path with optional query, e.g. "/healthz" or "/echo?msg=hi". */
  readonly path: string;
  readonly fs: ContainerFs;
  /** Time since the serving process started (agnhost liveness flips after 10 s). */
  readonly sinceStartMs: number;
  readonly hostname: string;
  /** Wall-clock ms (netexec prints NOW). */
  readonly wallMs: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly body: string;
}

const NGINX_VERSION = "nginx/1.29.1";

function nginxError(status: number, text: string): HttpResponse {
  return { status, body: `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n<hr><center>${NGINX_VERSION}</center>\r\n</body>\r\n</html>\r\n` };
}

function apacheError(status: number, text: string, path: string): HttpResponse {
  const detail = status === 404 ? `<p>The requested URL ${path} was not found on this server.</p>` : "<p>You don't have permission to access this resource.</p>";
  return { status, body: `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>${status} ${text}</title>\n</head><body>\n<h1>${text}</h1>\n${detail}\n</body></html>\n` };
}

function decodePath(path: string): string {
  const p = path.split("?")[0] ?? "/";
  try {
    return decodeURIComponent(p) || "/";
  } catch {
    return p || "/";
  }
}

function query(path: string, key: string): string {
  const q = path.split("?")[1] ?? "";
  for (const kv of q.split("&")) {
    const [k, v = ""] = kv.split("=");
    if (k === key) {
      try {
        return decodeURIComponent(v.replace(/\+/g, " "));
      } catch {
        return v;
      }
    }
  }
  return "";
}

const GO_NOT_FOUND: HttpResponse = { status: 404, body: "404 page not found\n" };

/** The response of server `b` to GET `req.path`. */
export function respondHttp(b: HttpBehaviour, req: HttpRequest): HttpResponse {
  const path = decodePath(req.path);
  switch (b.kind) {
    case "static": {
      const root = b.docRoot === "/" ? "" : b.docRoot;
      const full = `${root}${path.startsWith("/") ? path : `/${path}`}`.replace(/\/+$/, "") || "/";
      const err = (status: number, text: string) => (b.server === "nginx" ? nginxError(status, text) : apacheError(status, text, path));
      if (req.fs.isDirectory(full)) {
        const index = req.fs.read(`${full === "/" ? "" : full}/index.html`);
        if (index !== undefined) return { status: 200, body: index };
        if (b.dirStatus === 403) return err(403, "Forbidden");
        const names = req.fs.list(full) ?? [];
        return { status: 200, body: `<html><body><h1>Index of ${path}</h1><ul>${names.map((n) => `<li><a href="${n}">${n}</a></li>`).join("")}</ul></body></html>\n` };
      }
      const content = req.fs.read(full);
      return content === undefined ? err(404, "Not Found") : { status: 200, body: content };
    }
    case "liveness":
      // mirrors test/images/agnhost/liveness/server.go: `if duration.Seconds() > 10 { 500 }`.
      if (path === "/healthz") {
        const secs = req.sinceStartMs / 1000;
        return secs > 10 ? { status: 500, body: `error: ${secs}` } : { status: 200, body: "ok" };
      }
      if (path === "/started") return { status: 200, body: `${req.sinceStartMs / 1000}s` };
      return GO_NOT_FOUND;
    case "netexec":
      if (path === "/") return { status: 200, body: `NOW: ${new Date(req.wallMs).toISOString().replace("T", " ").replace("Z", " +0000 UTC")}` };
      if (path === "/hostname" || path === "/hostName") return { status: 200, body: req.hostname };
      if (path === "/echo") return { status: 200, body: query(req.path, "msg") };
      if (path === "/healthz" || path === "/readyz") return { status: 200, body: "ok" };
      return GO_NOT_FOUND;
    case "helloApp":
      return { status: 200, body: `Hello, world!\nVersion: ${b.version}\nHostname: ${req.hostname}\n` };
    case "text":
      return { status: 200, body: b.body.includes("{hostname}") ? b.body.replace("{hostname}", req.hostname) : b.body };
    case "proxy":
      return { status: 500, body: "This is a proxy server. Does not respond to non-proxy requests.\n" };
    case "notFound":
      return GO_NOT_FOUND;
  }
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** nginx's `combined` log format / apache's common log format; undefined for servers that log nothing. */
export function accessLogLine(b: HttpBehaviour, path: string, res: HttpResponse, clientIP: string, userAgent: string, wallMs: number): string | undefined {
  if (b.kind !== "static") return undefined;
  const d = new Date(wallMs);
  const p2 = (n: number) => String(n).padStart(2, "0");
  const ts = `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
  const size = utf8Length(res.body);
  if (b.server === "nginx") return `${clientIP} - - [${ts}] "GET ${path} HTTP/1.1" ${res.status} ${size} "-" "${userAgent}" "-"`;
  return `${clientIP} - - [${ts}] "GET ${path} HTTP/1.1" ${res.status} ${size}`;
}

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

import { describe, expect, it } from "vitest";
import type { Container } from "../../api/types";
import { lookupImage } from "./images";
import { compileBehaviour, expandKubeletVars, kubeletVarRefs, processArgs } from "./program";
import type { ImageInfo } from "./types";

function image(ref: string): ImageInfo {
  const i = lookupImage(ref);
  if (!i) throw new Error(ref);
  return i;
}

const withEntrypoint: ImageInfo = { repository: "example.com/app", tag: "1", sizeBytes: 1, entrypoint: ["/entry"], cmd: ["--default"], userland: "busybox", known: true };

describe("processArgs (containerd WithProcessArgs; docs: Define a Command and Arguments)", () => {
  it("neither command nor args: ENTRYPOINT + CMD", () => {
    expect(processArgs(undefined, undefined, withEntrypoint)).toEqual(["/entry", "--default"]);
  });
  it("command only: the image's ENTRYPOINT and CMD are both ignored", () => {
    expect(processArgs(["/bin/run"], undefined, withEntrypoint)).toEqual(["/bin/run"]);
  });
  it("args only: ENTRYPOINT with the given args", () => {
    expect(processArgs(undefined, ["--flag"], withEntrypoint)).toEqual(["/entry", "--flag"]);
  });
  it("both: command with args", () => {
    expect(processArgs(["/bin/run"], ["x"], withEntrypoint)).toEqual(["/bin/run", "x"]);
  });
});

describe("expandKubeletVars (third_party/forked/golang/expansion)", () => {
  const env = { MESSAGE: "hello world", A: "1" };
  it("expands $(VAR) from the container env", () => {
    expect(expandKubeletVars("$(MESSAGE)", env)).toBe("hello world");
    expect(expandKubeletVars("x-$(A)-y", env)).toBe("x-1-y");
  });
  it("keeps unknown references and unescapes $$", () => {
    expect(expandKubeletVars("$(NOPE)", env)).toBe("$(NOPE)");
    expect(expandKubeletVars("$$(MESSAGE)", env)).toBe("$(MESSAGE)");
    expect(expandKubeletVars("$$", env)).toBe("$");
  });
  it("leaves shell syntax alone: $VAR, $((...)), $(date)", () => {
    expect(expandKubeletVars('echo "$i: $(date)"; i=$((i+1))', env)).toBe('echo "$i: $(date)"; i=$((i+1))');
  });
});

describe("kubeletVarRefs", () => {
  const refs = (s: string) => {
    const out: string[] = [];
    kubeletVarRefs(s, out);
    return out;
  };
  it("names exactly the variables expandKubeletVars looks up", () => {
    expect(refs("$(MESSAGE)")).toEqual(["MESSAGE"]);
    expect(refs("x-$(A)-y $(B)")).toEqual(["A", "B"]);
    expect(refs("$$(MESSAGE)")).toEqual([]); // escaped
    expect(refs("$$$(A)")).toEqual(["A"]);
    expect(refs('echo "$i: $(date)"; i=$((i+1))')).toEqual(["date", "(i+1"]);
    expect(refs("$(unterminated")).toEqual([]);
    expect(refs("$")).toEqual([]);
    expect(refs("plain")).toEqual([]);
  });
  it("expansion depends on the environment only through them", () => {
    const inputs = ["$(A)$(B)", "$$(A)$(B)", "$(A", "a$$b$(C)d$", "$((x))", "$($(A))"];
    const full = { A: "1", B: "2", C: "3", "(x": "p", "$(A": "q", other: "z" };
    for (const input of inputs) {
      const only = Object.fromEntries(refs(input).filter((n) => n in full).map((n) => [n, full[n as keyof typeof full]]));
      expect(expandKubeletVars(input, only)).toBe(expandKubeletVars(input, full));
    }
  });
});

describe("compileBehaviour", () => {
  it("nginx's default command is a server (no clock needed)", () => {
    const p = compileBehaviour({ name: "web", image: "nginx" }, image("nginx"));
    expect(p.argv).toEqual(["nginx", "-g", "daemon off;"]);
    expect(p.main).toMatchObject({ kind: "serve", daemon: { name: "nginx", ports: [80] } });
    expect(p.onSigterm).toBe("exit0");
  });

  it("docker-entrypoint.sh runs redis-server for a .conf argument (pods/config/redis-pod.yaml)", () => {
    const p = compileBehaviour({ name: "redis", image: "redis:5", args: ["/usr/local/etc/redis/redis.conf"] }, image("redis:5"));
    expect(p.argv).toEqual(["redis-server", "/usr/local/etc/redis/redis.conf"]);
    expect(p.main.kind).toBe("serve");
  });

  it("expands $(VAR) in args before running them", () => {
    const c: Container = { name: "c", image: "busybox", command: ["/bin/echo"], args: ["$(MESSAGE)"], env: [{ name: "MESSAGE", value: "hello world" }] };
    expect(compileBehaviour(c, image("busybox")).argv).toEqual(["/bin/echo", "hello world"]);
  });

  it("sh and sleep as PID 1 ignore SIGTERM", () => {
    expect(compileBehaviour({ name: "c", image: "busybox", command: ["sleep", "3600"] }, image("busybox")).onSigterm).toBe("ignore");
    expect(compileBehaviour({ name: "c", image: "busybox", command: ["sh", "-c", "sleep 1"] }, image("busybox")).onSigterm).toBe("ignore");
  });

  it("a shell in an image without one cannot start (StartError)", () => {
    const p = compileBehaviour({ name: "c", image: "registry.k8s.io/pause", command: ["sh", "-c", "true"] }, image("registry.k8s.io/pause"));
    expect(p.main).toEqual({
      kind: "startError",
      reason: "StartError",
      message: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "sh": executable file not found in $PATH: unknown',
    });
  });

  it("an unknown image with no command is presumed to serve forever", () => {
    const p = compileBehaviour({ name: "c", image: "example.com/team/api:1" }, image("example.com/team/api:1"));
    expect(p.main.kind).toBe("serve");
  });

  it("a known image without any command cannot be created", () => {
    expect(compileBehaviour({ name: "c", image: "x" }, { ...withEntrypoint, entrypoint: [], cmd: [] }).main).toMatchObject({ kind: "startError", reason: "CreateContainerError" });
  });

  it("hello-app prints the tag's version", () => {
    const p = compileBehaviour({ name: "c", image: "gcr.io/google-samples/hello-app:2.0" }, image("gcr.io/google-samples/hello-app:2.0"));
    expect(p.main).toMatchObject({ kind: "serve", daemon: { http: { kind: "helloApp", version: "2.0.0" }, ports: [8080] } });
  });
});

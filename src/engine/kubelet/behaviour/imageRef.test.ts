import { describe, it, expect } from "vitest";
import { applyDefaultImageTag, canonicalReference, parseNormalizedNamed } from "./imageRef";

function ref(s: string) {
  const r = parseNormalizedNamed(s);
  if (!r.ok) throw new Error(r.error);
  return r.ref;
}

describe("parseNormalizedNamed (distribution/reference)", () => {
  it("puts familiar names under docker.io/library", () => {
    expect(ref("nginx")).toMatchObject({ domain: "docker.io", path: "library/nginx", name: "docker.io/library/nginx", tag: undefined });
    expect(ref("nginx:1.14.2")).toMatchObject({ name: "docker.io/library/nginx", tag: "1.14.2" });
    expect(ref("polinux/stress").name).toBe("docker.io/polinux/stress");
    expect(ref("index.docker.io/library/busybox").name).toBe("docker.io/library/busybox");
  });

  it("recognises registries by a dot, a port or localhost", () => {
    expect(ref("registry.k8s.io/pause:3.10")).toMatchObject({ domain: "registry.k8s.io", path: "pause", tag: "3.10" });
    expect(ref("localhost:5000/app").domain).toBe("localhost:5000");
    expect(ref("localhost/app").domain).toBe("localhost");
    expect(ref("us-docker.pkg.dev/google-samples/containers/gke/hello-app:2.0").path).toBe("google-samples/containers/gke/hello-app");
  });

  it("parses digests", () => {
    const d = "sha256:cb111d1bd870a6a471385a4a69ad17469d326e9dd91e0e455350cacf36e1b3ee";
    expect(ref(`registry.k8s.io/redis@${d}`)).toMatchObject({ name: "registry.k8s.io/redis", digest: d, tag: undefined });
  });

  it("rejects upper case repository names with the repository in the message", () => {
    // Wording seen in kubelet InspectFailed events: "repository name (library/ACTOKEY) must be lowercase".
    expect(parseNormalizedNamed("ACTOKEY")).toEqual({ ok: false, error: "invalid reference format: repository name (library/ACTOKEY) must be lowercase" });
  });

  it("rejects malformed references", () => {
    for (const bad of ["<your-private-image>", "gcr.io/<project>/job-wq-1", "nginx:", "registry.hub.docker.com/library//nginx:latest", "a b"]) {
      expect(parseNormalizedNamed(bad)).toEqual({ ok: false, error: "invalid reference format" });
    }
    expect(parseNormalizedNamed("a".repeat(64))).toMatchObject({ ok: false });
    expect(parseNormalizedNamed("nginx@sha256:abc")).toEqual({ ok: false, error: "invalid reference format" });
    expect(parseNormalizedNamed(`nginx@md5:${"a".repeat(32)}`)).toEqual({ ok: false, error: "unsupported digest algorithm" });
  });
});

describe("applyDefaultImageTag (kubelet image_manager.go)", () => {
  it("appends :latest only when there is neither tag nor digest", () => {
    expect(applyDefaultImageTag("nginx")).toMatchObject({ ok: true, image: "nginx:latest", tag: "latest" });
    expect(applyDefaultImageTag("nginx:1.14.2")).toMatchObject({ ok: true, image: "nginx:1.14.2" });
    const d = "busybox@sha256:" + "0".repeat(64);
    expect(applyDefaultImageTag(d)).toMatchObject({ ok: true, image: d });
  });

  it("formats InvalidImageName like the kubelet", () => {
    expect(applyDefaultImageTag("<your-private-image>")).toEqual({
      ok: false,
      reason: "InvalidImageName",
      message: 'Failed to apply default image tag "<your-private-image>": couldn\'t parse image name "<your-private-image>": invalid reference format',
    });
  });

  it("names the canonical reference containerd reports", () => {
    expect(canonicalReference(ref("nginx"))).toBe("docker.io/library/nginx:latest");
    expect(canonicalReference(ref("registry.k8s.io/goproxy:0.1"))).toBe("registry.k8s.io/goproxy:0.1");
  });
});

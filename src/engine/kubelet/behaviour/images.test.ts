import { describe, it, expect } from "vitest";
import { lookupImage, pullDurationMs, pullImage } from "./images";

describe("image catalogue", () => {
  it("knows the docs' images and their default command", () => {
    expect(lookupImage("nginx")).toMatchObject({ known: true, cmd: ["nginx", "-g", "daemon off;"], userland: "gnu" });
    expect(lookupImage("busybox:1.28")).toMatchObject({ known: true, cmd: ["sh"], userland: "busybox", sizeBytes: 730_000 });
    expect(lookupImage("k8s.gcr.io/busybox")?.userland).toBe("busybox");
    expect(lookupImage("registry.k8s.io/pause:3.10")).toMatchObject({ entrypoint: ["/pause"], sizeBytes: 320_000 });
    expect(lookupImage("k8s.gcr.io/liveness")?.cmd).toEqual(["/server"]);
    expect(lookupImage("nginx:1.27-alpine")?.sizeBytes).toBe(20_400_000);
  });

  it("gives unknown images a default size and no command", () => {
    expect(lookupImage("example.com/team/app:v3")).toMatchObject({ known: false, sizeBytes: 50_000_000, cmd: [], entrypoint: [] });
  });

  it("returns undefined for malformed references", () => {
    expect(lookupImage("Bad Image")).toBeUndefined();
  });
});

describe("pullImage", () => {
  it("pulls nginx in 5-7 s at the simulated 12 MiB/s", () => {
    const r = pullImage("nginx");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.image).toBe("nginx:latest");
    expect(r.durationMs).toBeGreaterThanOrEqual(5000);
    expect(r.durationMs).toBeLessThanOrEqual(7000);
  });

  it("pulls pause in well under a second", () => {
    const r = pullImage("registry.k8s.io/pause:3.10");
    expect(r.ok && r.durationMs < 1000).toBe(true);
  });

  it("scales with bandwidth", () => {
    expect(pullDurationMs(12 * 1024 * 1024, 12 * 1024 * 1024)).toBe(1300);
  });

  it("fails a missing tag with containerd's NotFound wording", () => {
    // Wording as reported by kubelet events, e.g. cvisionai/tator#439:
    // rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/x:t": failed to resolve reference "docker.io/x:t": docker.io/x:t: not found
    const r = pullImage("nginx:does-not-exist");
    expect(r).toMatchObject({ ok: false, reason: "ErrImagePull" });
    if (r.ok || r.reason !== "ErrImagePull") return;
    const ref = "docker.io/library/nginx:does-not-exist";
    expect(r.message).toBe(`rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`);
    expect(r.eventMessage).toBe(`Failed to pull image "nginx:does-not-exist": ${r.message}`);
  });

  it("fails a missing Docker Hub repository with 'pull access denied'", () => {
    const r = pullImage("non-existing-repo/non-existing-image:example");
    if (r.ok || r.reason !== "ErrImagePull") throw new Error("expected ErrImagePull");
    expect(r.message).toContain("code = Unknown");
    expect(r.message).toContain('failed to resolve reference "docker.io/non-existing-repo/non-existing-image:example": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed');
  });

  it("fails a missing repository on another registry with not found", () => {
    const r = pullImage("registry.k8s.io/does-not-exist");
    if (r.ok || r.reason !== "ErrImagePull") throw new Error("expected ErrImagePull");
    expect(r.message).toContain("code = NotFound");
    expect(r.message).toMatch(/registry\.k8s\.io\/does-not-exist:latest: not found$/);
  });

  it("fails reserved registry hosts at DNS resolution", () => {
    const r = pullImage("kubelab.invalid/app:1");
    if (r.ok || r.reason !== "ErrImagePull") throw new Error("expected ErrImagePull");
    expect(r.message).toBe(
      'rpc error: code = Unknown desc = failed to pull and unpack image "kubelab.invalid/app:1": failed to resolve reference "kubelab.invalid/app:1": failed to do request: Head "https://kubelab.invalid/v2/app/manifests/1": dial tcp: lookup kubelab.invalid: no such host',
    );
  });

  it("fails Windows-only images on Linux nodes", () => {
    const r = pullImage("microsoft/iis");
    if (r.ok || r.reason !== "ErrImagePull") throw new Error("expected ErrImagePull");
    expect(r.message).toContain("no match for platform in manifest: not found");
  });

  it("reports InvalidImageName for malformed references", () => {
    expect(pullImage("busyBOX")).toEqual({
      ok: false,
      reason: "InvalidImageName",
      message: 'Failed to apply default image tag "busyBOX": couldn\'t parse image name "busyBOX": invalid reference format: repository name (library/busyBOX) must be lowercase',
    });
  });
});

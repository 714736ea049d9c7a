// Image lookup and the image pull model: which image a reference names, how long its pull takes on the
// simulated network, and which references fail (reserved names used by lessons, malformed references).
//
// Documented failure rules (deterministic, no randomness):
// - malformed reference → InvalidImageName, message of applyDefaultImageTag (imageRef.ts);
// - registry host under a reserved TLD (RFC 2606/6761: .invalid, .example, .test, .localhost), e.g.
//   `kubelab.invalid/app` or the docs' `registry.example/example-image:v1` → ErrImagePull, DNS failure;
// - repository path containing a reserved marker (`does-not-exist`, `doesnotexist`, `non-existing`,
//   `nonexistent`) → ErrImagePull: on Docker Hub "pull access denied, repository does not exist or may
//   require authorization" (what Hub answers for a missing repository), elsewhere "not found";
// - tag containing a marker (`nginx:does-not-exist`) → ErrImagePull, "<ref>: not found" (missing manifest);
// - a Windows-only image on a Linux node → ErrImagePull, "no match for platform in manifest: not found".
// Every other reference pulls: known images with their catalogue size, unknown ones with 50 MB.

import { DEFAULT_TIMINGS } from "../../sim/timings";
import { applyDefaultImageTag, canonicalReference, goQuote, type ImageRef } from "./imageRef";
import { DEFAULT_IMAGE_SIZE_MB, IMAGE_CATALOGUE, type CatalogueEntry } from "./imageCatalogue";
import type { ImageInfo } from "./types";

const MISSING_MARKERS = ["does-not-exist", "doesnotexist", "non-existing", "nonexistent"] as const;
const RESERVED_TLDS = [".invalid", ".example", ".test", ".localhost"] as const;

/** Registry round trips before the first layer byte: token, manifest list, manifest, config. */
export const PULL_RESOLVE_MS = 300;
/** How long a failing pull takes before containerd reports the error. */
export const PULL_FAILURE_MS = { dns: 50, registry: 700 } as const;

const BY_REPO = new Map<string, CatalogueEntry>();
for (const entry of IMAGE_CATALOGUE) for (const repo of entry.repos) BY_REPO.set(repo, entry);

// k8s.gcr.io was frozen in 2023 and redirects to registry.k8s.io: same images.
function catalogueEntry(name: string): CatalogueEntry | undefined {
  return BY_REPO.get(name) ?? (name.startsWith("k8s.gcr.io/") ? BY_REPO.get(`registry.k8s.io/${name.slice(11)}`) : undefined);
}

function sizeMB(entry: CatalogueEntry, tag: string | undefined): number {
  if (tag !== undefined && entry.tagSizesMB) {
    const exact = entry.tagSizesMB[tag];
    if (exact !== undefined) return exact;
    // Wildcards in insertion order: "5*" (prefix), "*alpine" (suffix), "*slim*" (contains).
    for (const [pattern, mb] of Object.entries(entry.tagSizesMB)) {
      const starts = pattern.startsWith("*");
      const ends = pattern.endsWith("*");
      const core = pattern.slice(starts ? 1 : 0, ends ? -1 : undefined);
      if (starts && ends ? tag.includes(core) : ends ? tag.startsWith(core) : starts ? tag.endsWith(core) : false) return mb;
    }
  }
  return entry.sizeMB;
}

/** The catalogue's knowledge of a parsed reference; unknown images get a default size and no command. */
export function imageInfoForRef(ref: ImageRef): ImageInfo {
  const entry = catalogueEntry(ref.name);
  const tag = ref.tag ?? (ref.digest === undefined ? "latest" : "");
  if (!entry) {
    return { repository: ref.name, tag, sizeBytes: DEFAULT_IMAGE_SIZE_MB * 1e6, entrypoint: [], cmd: [], userland: "busybox", known: false };
  }
  return {
    repository: ref.name,
    tag,
    sizeBytes: Math.round(sizeMB(entry, ref.tag) * 1e6),
    entrypoint: entry.entrypoint,
    cmd: entry.cmd,
    userland: entry.userland,
    files: entry.files,
    workingDir: entry.workingDir,
    windowsOnly: entry.windowsOnly,
    entrypointDefault: entry.entrypointDefault,
    known: true,
  };
}

/** ImageInfo for `container.image`, or undefined when the reference is malformed (see pullImage). */
export function lookupImage(image: string): ImageInfo | undefined {
  const r = applyDefaultImageTag(image);
  return r.ok ? imageInfoForRef(r.ref) : undefined;
}

/** Time to pull `sizeBytes` at the simulated registry bandwidth (DEFAULT_TIMINGS.imagePullBytesPerSecond). */
export function pullDurationMs(sizeBytes: number, bytesPerSecond: number = DEFAULT_TIMINGS.imagePullBytesPerSecond): number {
  return PULL_RESOLVE_MS + Math.ceil((sizeBytes * 1000) / bytesPerSecond);
}

export type PullOutcome =
  | {
      readonly ok: true;
      /** The image with the default tag applied ("nginx" → "nginx:latest"). */
      readonly image: string;
      readonly info: ImageInfo;
      readonly durationMs: number;
    }
  | {
      readonly ok: false;
      readonly reason: "InvalidImageName";
      /** Container waiting message and InspectFailed event message. */
      readonly message: string;
    }
  | {
      readonly ok: false;
      readonly reason: "ErrImagePull";
      /** The CRI error: the container's waiting message (kubelet evalCRIPullErr falls back to err.Error()). */
      readonly message: string;
      /** The Failed event: `Failed to pull image "x": <message>` (pkg/kubelet/images/image_manager.go). */
      readonly eventMessage: string;
      readonly durationMs: number;
    };

/**
 * The outcome of pulling `image` (the container's image field, verbatim).
 * Error texts follow containerd's (internal/cri/server/images/image_pull.go: "failed to pull and unpack
 * image %q: failed to resolve reference %q: ...") wrapped in the gRPC status the kubelet prints.
 */
export function pullImage(image: string, bytesPerSecond?: number): PullOutcome {
  const tagged = applyDefaultImageTag(image);
  if (!tagged.ok) return tagged;
  const { ref } = tagged;
  const full = canonicalReference(ref);
  const failed = (code: "NotFound" | "Unknown", detail: string, durationMs: number): PullOutcome => {
    const message = `rpc error: code = ${code} desc = failed to pull and unpack image ${goQuote(full)}: ${detail}`;
    return { ok: false, reason: "ErrImagePull", message, eventMessage: `Failed to pull image ${goQuote(image)}: ${message}`, durationMs };
  };
  const resolve = `failed to resolve reference ${goQuote(full)}`;
  const host = ref.domain.replace(/:\d+$/, "");
  if (RESERVED_TLDS.some((tld) => host.endsWith(tld))) {
    const registry = ref.domain === "docker.io" ? "registry-1.docker.io" : ref.domain;
    const url = `https://${registry}/v2/${ref.path}/manifests/${ref.digest ?? ref.tag ?? "latest"}`;
    return failed("Unknown", `${resolve}: failed to do request: Head ${goQuote(url)}: dial tcp: lookup ${host}: no such host`, PULL_FAILURE_MS.dns);
  }
  if (MISSING_MARKERS.some((m) => ref.path.includes(m))) {
    if (ref.domain === "docker.io") {
      return failed(
        "Unknown",
        `${resolve}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
        PULL_FAILURE_MS.registry,
      );
    }
    return failed("NotFound", `${resolve}: ${full}: not found`, PULL_FAILURE_MS.registry);
  }
  if (ref.tag !== undefined && MISSING_MARKERS.some((m) => (ref.tag ?? "").includes(m))) {
    return failed("NotFound", `${resolve}: ${full}: not found`, PULL_FAILURE_MS.registry);
  }
  const info = imageInfoForRef(ref);
  if (info.windowsOnly) return failed("NotFound", "no match for platform in manifest: not found", PULL_FAILURE_MS.registry);
  return { ok: true, image: tagged.image, info, durationMs: pullDurationMs(info.sizeBytes, bytesPerSecond) };
}

// Image references: `[domain[:port]/]path[:tag][@digest]`, parsed exactly as the kubelet does before a pull,
// so that a bad `image:` gives the same InvalidImageName message as a real node.
// mirrors ParseNormalizedNamed / splitDockerDomain / Parse (github.com/distribution/reference normalize.go,
// reference.go, regexp.go v0.6) and ParseImageName (k/k pkg/util/parsers/parsers.go).

const DEFAULT_DOMAIN = "docker.io";
const LEGACY_DEFAULT_DOMAIN = "index.docker.io";
const OFFICIAL_REPO_PREFIX = "library/";
const NAME_TOTAL_LENGTH_MAX = 255;

// regexp.go, built from the same pieces so that the grammar reads like upstream's.
const alphanumeric = "[a-z0-9]+";
const separator = "(?:[._]|__|[-]+)";
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const domainNameComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const ipv6address = "\\[(?:[a-fA-F0-9:]+)\\]";
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const domainAndPort = `(?:${domainName}|${ipv6address})(?::[0-9]+)?`;
const tagPat = "[\\w][\\w.-]{0,127}";
const digestPat = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}";
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const namePat = `(?:${domainAndPort}/)?${remoteName}`;
const REFERENCE_RE = new RegExp(`^(${namePat})(?::(${tagPat}))?(?:@(${digestPat}))?$`);
const ANCHORED_IDENTIFIER_RE = /^[a-f0-9]{64}$/;

/** Hex length of each digest algorithm the OCI digest package accepts (go-digest algorithm.go). */
const DIGEST_HEX_LENGTH: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

export interface ImageRef {
  /** Registry host[:port], e.g. "docker.io", "registry.k8s.io". */
  readonly domain: string;
  /** Path inside the registry, e.g. "library/nginx". */
  readonly path: string;
  /** `domain/path`: what containerd resolves (reference.Named.Name()). */
  readonly name: string;
  readonly tag?: string;
  readonly digest?: string;
}

export type ParseResult = { readonly ok: true; readonly ref: ImageRef } | { readonly ok: false; readonly error: string };

// mirrors Parse (distribution/reference reference.go): the whole-string grammar, then length and digest.
function parseReference(s: string): ParseResult {
  const m = REFERENCE_RE.exec(s);
  if (!m) {
    if (s === "") return { ok: false, error: "repository name must have at least one component" };
    if (REFERENCE_RE.test(s.toLowerCase())) return { ok: false, error: "repository name must be lowercase" };
    return { ok: false, error: "invalid reference format" };
  }
  const name = m[1] ?? "";
  if (name.length > NAME_TOTAL_LENGTH_MAX) {
    return { ok: false, error: `repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters` };
  }
  const digest = m[3];
  if (digest !== undefined) {
    const digestError = validateDigest(digest);
    if (digestError) return { ok: false, error: digestError };
  }
  const slash = name.indexOf("/");
  const domain = name.slice(0, slash);
  return { ok: true, ref: { domain, path: name.slice(slash + 1), name, tag: m[2], digest } };
}

// mirrors digest.Digest.Validate (opencontainers/go-digest digest.go).
function validateDigest(d: string): string | undefined {
  const colon = d.indexOf(":");
  const algorithm = d.slice(0, colon);
  const hex = d.slice(colon + 1);
  const want = DIGEST_HEX_LENGTH[algorithm];
  if (want === undefined) return "unsupported digest algorithm";
  if (!/^[a-f0-9]*$/.test(hex)) return "invalid checksum digest format";
  if (hex.length !== want) return "invalid checksum digest length";
  return undefined;
}

// mirrors splitDockerDomain (distribution/reference normalize.go, v0.6).
function splitDockerDomain(name: string): [domain: string, remainder: string] {
  const i = name.indexOf("/");
  if (i < 0) return [DEFAULT_DOMAIN, OFFICIAL_REPO_PREFIX + name];
  const maybeDomain = name.slice(0, i);
  const maybeRemote = name.slice(i + 1);
  let domain: string;
  let remainder: string;
  if (maybeDomain === "localhost") [domain, remainder] = [maybeDomain, maybeRemote];
  else if (maybeDomain === LEGACY_DEFAULT_DOMAIN) [domain, remainder] = [DEFAULT_DOMAIN, maybeRemote];
  else if (/[.:]/.test(maybeDomain)) [domain, remainder] = [maybeDomain, maybeRemote];
  else if (maybeDomain.toLowerCase() !== maybeDomain) [domain, remainder] = [maybeDomain, maybeRemote];
  else [domain, remainder] = [DEFAULT_DOMAIN, name];
  if (domain === DEFAULT_DOMAIN && !remainder.includes("/")) remainder = OFFICIAL_REPO_PREFIX + remainder;
  return [domain, remainder];
}

/** mirrors ParseNormalizedNamed (distribution/reference normalize.go). */
export function parseNormalizedNamed(s: string): ParseResult {
  if (ANCHORED_IDENTIFIER_RE.test(s)) {
    return { ok: false, error: `invalid repository name (${s}), cannot specify 64-byte hexadecimal strings` };
  }
  const [domain, remainder] = splitDockerDomain(s);
  const tagSep = remainder.indexOf(":");
  const remote = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (remote.toLowerCase() !== remote) {
    return { ok: false, error: `invalid reference format: repository name (${remote}) must be lowercase` };
  }
  return parseReference(`${domain}/${remainder}`);
}

export type DefaultTagResult =
  | { readonly ok: true; readonly image: string; readonly ref: ImageRef; readonly tag: string }
  | { readonly ok: false; readonly reason: "InvalidImageName"; readonly message: string };

/**
 * What the kubelet does first with `container.image`: parse it and append ":latest" when it has neither tag
 * nor digest. On failure the container waits with reason InvalidImageName and an InspectFailed event
 * carries `message`.
 * mirrors applyDefaultImageTag (k/k pkg/kubelet/images/image_manager.go) over ParseImageName.
 */
export function applyDefaultImageTag(image: string): DefaultTagResult {
  const parsed = parseNormalizedNamed(image);
  if (!parsed.ok) {
    const err = `couldn't parse image name ${goQuote(image)}: ${parsed.error}`;
    return { ok: false, reason: "InvalidImageName", message: `Failed to apply default image tag ${goQuote(image)}: ${err}` };
  }
  const { ref } = parsed;
  const tag = ref.tag ?? (ref.digest === undefined ? "latest" : "");
  const withTag = ref.digest === undefined && !image.endsWith(`:${tag}`) ? `${image}:${tag}` : image;
  return { ok: true, image: withTag, ref, tag };
}

/** The fully-qualified reference containerd names in its errors: "docker.io/library/nginx:latest". */
export function canonicalReference(ref: ImageRef): string {
  if (ref.digest !== undefined) return `${ref.name}@${ref.digest}`; // ParseDockerRef drops the tag then
  return `${ref.name}:${ref.tag ?? "latest"}`;
}

/** Go's %q for the plain strings we format (image names, paths): quotes and backslashes escaped. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else out += ch;
  }
  return `${out}"`;
}

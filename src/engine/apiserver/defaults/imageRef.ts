// Container image references, as far as defaulting needs them: which tag an image names.
// mirrors parsers.ParseImageName (k/k pkg/util/parsers/parsers.go) on top of
// reference.ParseNormalizedNamed (github.com/distribution/reference normalize.go, regexp.go).
//
// Invariant: a reference that does not parse has no tag (""), exactly as upstream, where
// SetDefaults_Container ignores the parse error and so defaults such an image to IfNotPresent.

// Grammar pieces, copied from distribution/reference regexp.go.
const alphanumeric = "[a-z0-9]+";
const separator = "(?:[._]|__|[-]+)";
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const domainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const ipv6address = "\\[(?:[a-fA-F0-9:]+)\\]";
const domainName = `${domainComponent}(?:\\.${domainComponent})*`;
const host = `(?:${domainName}|${ipv6address})`;
const domainAndPort = `${host}(?::[0-9]+)?`;
const tag = "[\\w][\\w.-]{0,127}";
const digest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}";
const namePat = `(?:${domainAndPort}/)?${pathComponent}(?:/${pathComponent})*`;

const referenceRegexp = new RegExp(`^(${namePat})(?::(${tag}))?(?:@(${digest}))?$`);
const anchoredIdentifier = /^[a-f0-9]{64}$/;
const NAME_TOTAL_LENGTH_MAX = 255;
const DEFAULT_IMAGE_TAG = "latest";

export interface ParsedImage {
  repository: string;
  tag: string;
  digest: string;
}

/** Digest algorithms the distribution library knows, with their hex lengths (go-digest Algorithm.Validate). */
const DIGEST_HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

// mirrors ParseNormalizedNamed + ParseImageName: undefined when the reference is invalid.
export function parseImageName(image: string): ParsedImage | undefined {
  if (anchoredIdentifier.test(image)) return undefined; // "cannot specify 64-byte hexadecimal strings"
  // splitDockerDomain: the remainder (repository path) must be lowercase; only a real domain may not be.
  const slash = image.indexOf("/");
  const first = slash < 0 ? "" : image.slice(0, slash);
  const isDomain = slash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost" || first.toLowerCase() !== first);
  const remainder = isDomain ? image.slice(slash + 1) : image;
  const remainderName = remainder.split(/[:@]/)[0] ?? "";
  if (remainderName.toLowerCase() !== remainderName) return undefined; // "repository name must be lowercase"

  const m = referenceRegexp.exec(image);
  if (!m) return undefined;
  const name = m[1] ?? "";
  if (name.length > NAME_TOTAL_LENGTH_MAX) return undefined;
  const dg = m[3] ?? "";
  if (dg) {
    const [algorithm = "", hex = ""] = dg.split(":");
    const want = DIGEST_HEX_LENGTH[algorithm];
    if (want === undefined || hex.length !== want) return undefined; // unsupported or malformed digest
  }
  let tg = m[2] ?? "";
  if (tg === "" && dg === "") tg = DEFAULT_IMAGE_TAG;
  return { repository: name, tag: tg, digest: dg };
}

/**
 * The pull policy the API server gives a container that names none: Always for `:latest` (explicit or
 * implied), IfNotPresent otherwise — including digest-only references and unparsable ones.
 */
// mirrors the imagePullPolicy branch of SetDefaults_Container (k/k pkg/apis/core/v1/defaults.go)
export function defaultPullPolicy(image: string | undefined): "Always" | "IfNotPresent" {
  const key = image ?? "";
  let policy = pullPolicyByImage.get(key);
  if (policy === undefined) {
    const parsed = parseImageName(key);
    policy = parsed?.tag === DEFAULT_IMAGE_TAG ? "Always" : "IfNotPresent";
    // Bounded: a cluster uses a handful of images, but image names are user input.
    if (pullPolicyByImage.size >= 1024) pullPolicyByImage.clear();
    pullPolicyByImage.set(key, policy);
  }
  return policy;
}

/** defaultPullPolicy's answers by image: every container of every pod asks, with a handful of images. */
const pullPolicyByImage = new Map<string, "Always" | "IfNotPresent">();

// Limits that keep hostile manifests (alias bombs, huge or deeply nested documents) from freezing the
// worker. Each limit is refused with upstream's wording where upstream has one.

export const MANIFEST_LIMITS = {
  /**
   * kube-apiserver refuses request bodies above 3 MiB with `Request entity too large: limit is
   * 3145728` (apiserver pkg/endpoints/handlers/rest.go limitedReadBody; the limit is
   * MaxRequestBodyBytes, 3*1024*1024, in apiserver pkg/server/config.go). Kubelab applies it to the
   * whole file: nothing larger reaches the YAML parser.
   */
  maxRequestBytes: 3 * 1024 * 1024,
  /**
   * Nesting depth of YAML nodes. go-yaml v3's scanner stops at 10,000 levels ("exceeded max depth of
   * 10000"); the worker's stack is smaller, so Kubelab stops at 100, as js-yaml does by default. Real
   * manifests (CRD schemas included) stay well below 40.
   */
  maxDepth: 100,
  /**
   * go-yaml's decoder allows at most this fraction of decode operations to come from alias
   * expansion (yaml.v2 decode.go allowedAliasRatio): 99% up to 400,000 decodes, falling to 10% at
   * 4,000,000.
   */
  aliasRatioRangeLow: 400_000,
  aliasRatioRangeHigh: 4_000_000,
  /** js-yaml's own cap on keys copied by `<<` merges; exceeding it means excessive aliasing. */
  maxTotalMergeKeys: 10_000,
} as const;

// `key=value` and `key-` arguments of label, annotate and set image.
// mirrors cmdutil.GetResourcesAndPairs and cmdutil.ParsePairs (kubectl pkg/cmd/util/helpers.go).
import { fail } from "./errors";

/** Splits args into resource words and the pair arguments that follow them. */
export function getResourcesAndPairs(args: readonly string[], pairType: string): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  let foundPair = false;
  for (const s of args) {
    const nonResource = (s.includes("=") && s[0] !== "=") || (s.endsWith("-") && s !== "-");
    if (nonResource) {
      foundPair = true;
      pairs.push(s);
    } else if (!foundPair) {
      resources.push(s);
    } else {
      fail(`all resources must be specified before ${pairType} changes: ${s}`);
    }
  }
  return { resources, pairs };
}

/** ParsePairs: `k=v` into a map (later wins), `k-` into removals when supported. */
export function parsePairs(pairArgs: readonly string[], pairType: string, supportRemove: boolean): { set: Map<string, string>; remove: string[] } {
  const set = new Map<string, string>();
  const remove: string[] = [];
  const invalid: string[] = [];
  for (const arg of pairArgs) {
    if (arg.includes("=") && arg[0] !== "=") {
      const i = arg.indexOf("=");
      set.set(arg.slice(0, i), arg.slice(i + 1));
    } else if (supportRemove && arg.endsWith("-") && arg !== "-") {
      remove.push(arg.slice(0, -1));
    } else {
      invalid.push(arg);
    }
  }
  if (invalid.length > 0) fail(`invalid ${pairType} format: ${invalid.join(", ")}`);
  return { set, remove };
}

/** Go's json.Marshal length of a string map (sorted keys), for kubectl's byte-length comparisons. */
export function jsonMapLength(m: Readonly<Record<string, string>> | undefined): number {
  if (m === undefined) return 0;
  return JSON.stringify(Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : 1)))).length;
}

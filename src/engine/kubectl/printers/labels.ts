// labels.FormatLabels as kubectl prints it (--show-labels, Service SELECTOR, describe's "Selector:").
// mirrors labels.Set.String (apimachinery pkg/labels/labels.go): it sorts the joined "key=value"
// strings, not the keys, so "app.kubernetes.io/name=web" comes before "app=web" ('.' < '=').
// (apimachinery/labels.ts formatLabels sorts by key; the two differ only for keys that prefix others.)

export function formatLabels(set: Readonly<Record<string, string>> | undefined | null): string {
  if (!set) return "<none>";
  const pairs: string[] = [];
  for (const k of Object.keys(set)) pairs.push(`${k}=${set[k] ?? ""}`);
  if (pairs.length === 0) return "<none>";
  // Go's sort.Strings is bytewise; UTF-16 order agrees for the ASCII that label keys and values are.
  pairs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return pairs.join(",");
}

// The table the API server sends for kinds without a printer (Role, ClusterRole, LimitRange,
// CustomResourceDefinition, ...): NAME and CREATED AT, the creation time in RFC 3339 UTC.
// mirrors defaultTableConvertor.ConvertToTable (apiserver pkg/registry/rest/table.go).
import type { KubeObject } from "../../../api/types";
import { parseTimestamp } from "../duration";
import { col, NAME, type Cell, type KindPrinter } from "./types";

/** time.Time.UTC().Format(time.RFC3339): second precision, "Z". A zero time is year 1. */
export function formatRFC3339(ts: string | undefined): string {
  const ms = parseTimestamp(ts);
  if (ms === undefined) return "0001-01-01T00:00:00Z";
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

export const defaultPrinter: KindPrinter = {
  columns: [NAME, col("Created At")],
  row(obj: KubeObject): Cell[] {
    return [obj.metadata.name, formatRFC3339(obj.metadata.creationTimestamp)];
  },
};

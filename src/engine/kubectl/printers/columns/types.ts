// The shape of one kind's `kubectl get` columns, and helpers shared by every printer.
// Mirrors k/k pkg/printers/internalversion/printers.go: a []TableColumnDefinition plus a print function
// that returns one TableRow of cells.
//
// Invariant: row() returns a cell for every column, wide ones included, because the API server builds
// tables with GenerateOptions{Wide: true} (pkg/printers/storage/storage.go) and kubectl drops the
// Priority>0 columns itself unless `-o wide`.
import type { Container, KubeObject } from "../../../api/types";
import { translateTimestampSince } from "../duration";

/** A table cell as the server sends it: a string, an integer, a bool, or nil. */
export type Cell = string | number | boolean | null;

export interface ColumnDefinition {
  /** Upstream's column name ("Nominated Node"); kubectl upper-cases it for the header. */
  readonly name: string;
  /** 0 = always shown; 1 = only with `-o wide`. */
  readonly priority: 0 | 1;
  /** "name" marks the column kubectl prefixes with `kind/` when several kinds are printed. */
  readonly format?: "name";
}

export interface KindPrinter {
  readonly columns: readonly ColumnDefinition[];
  row(obj: KubeObject, now: number): Cell[];
}

export function col(name: string, priority: 0 | 1 = 0): ColumnDefinition {
  return name === "Name" ? { name, priority, format: "name" } : { name, priority };
}

/** The Name column every built-in printer starts with. */
export const NAME = col("Name");

/** The AGE cell: translateTimestampSince(obj.CreationTimestamp). */
export function age(obj: KubeObject, now: number): string {
  return translateTimestampSince(obj.metadata?.creationTimestamp, now);
}

// mirrors layoutContainerCells: container names and images, each joined by ",".
export function layoutContainerCells(containers: readonly Container[] | undefined): [string, string] {
  if (!containers || containers.length === 0) return ["", ""];
  let names = "";
  let images = "";
  for (let i = 0; i < containers.length; i++) {
    const c = containers[i] as Container;
    if (i > 0) {
      names += ",";
      images += ",";
    }
    names += c.name ?? "";
    images += c.image ?? "";
  }
  return [names, images];
}

/** A field read that tolerates any shape: stored objects of unsimulated kinds are not validated deeply. */
export function field(obj: unknown, ...path: string[]): unknown {
  let cur: unknown = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

export function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

export function int(v: unknown): number {
  return typeof v === "number" && Number.isFinite(v) ? Math.trunc(v) : 0;
}

export function arr<T = unknown>(v: unknown): T[] {
  return Array.isArray(v) ? (v as T[]) : [];
}

export function rec(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** intstr.IntOrString.String(): an int prints as a number, a string as itself. */
export function intOrString(v: unknown): string {
  if (typeof v === "number") return String(Math.trunc(v));
  return typeof v === "string" ? v : "";
}

/** printBoolPtr: "True"/"False", or "<unset>" when the pointer is nil. */
export function boolPtr(v: unknown): string {
  if (typeof v !== "boolean") return "<unset>";
  return v ? "True" : "False";
}

/** The condition of a type in status.conditions, if present. */
export function findCondition(obj: unknown, type: string): Record<string, unknown> | undefined {
  for (const c of arr(field(obj, "status", "conditions"))) {
    if (rec(c).type === type) return rec(c);
  }
  return undefined;
}

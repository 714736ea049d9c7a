// The writer behind every `kubectl describe`, and the small formatters all describers share.
// mirrors kubectl pkg/describe/describe.go: PrefixWriter (two spaces per level), tabbedString
// (tabwriter 0, 8, 2, ' ', 0), printLabelsMultilineWithIndent, printAnnotationsMultiline,
// printTolerationsMultilineWithIndent, printTaintsMultilineWithIndent, printController, printBool.
import type { KubeObject, Taint, Toleration } from "../../../api/types";
import { parseTimestamp } from "../duration";
import { escapeTerminal } from "../table";
import { newDescribeWriter, type TabWriter } from "../tabwriter";

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;

/** Where a PrefixWriter's text goes: the describe tabwriter, or a plain buffer in tests (as upstream's). */
export interface TextSink {
  write(text: string): void;
  flush(): void;
}

export class PrefixWriter {
  constructor(private readonly out: TextSink | TabWriter) {}

  /** Write(level, text): the text is already formatted; "  " per level is prepended. */
  write(level: number, text: string): void {
    this.out.write(escapeTerminal("  ".repeat(level) + text));
  }

  /** WriteLine(a...): fmt.Sprintln joins operands with spaces and ends the line. */
  writeLine(...parts: string[]): void {
    this.out.write(escapeTerminal(parts.join(" ") + "\n"));
  }

  /** Flush: aligns and emits what is buffered, so later columns do not align with earlier ones. */
  flush(): void {
    this.out.flush();
  }
}

// mirrors tabbedString
export function tabbedString(fn: (w: PrefixWriter) => void): string {
  const tw = newDescribeWriter();
  fn(new PrefixWriter(tw));
  return tw.toString();
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad2 = (n: number) => String(n).padStart(2, "0");

/** time.RFC1123Z ("Mon, 02 Jan 2006 15:04:05 -0700"), in UTC as the simulated cluster has no local zone. */
export function formatRFC1123Z(ts: string | null | undefined): string {
  const ms = parseTimestamp(ts);
  // A zero metav1.Time formats as Go's zero time.
  if (ms === undefined) return "Mon, 01 Jan 0001 00:00:00 +0000";
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`;
}

/** printBool: "True" / "False". */
export function printBool(v: boolean | undefined): string {
  return v ? "True" : "False";
}

/** Go's %v of a bool: "true" / "false". */
export function goBool(v: boolean | undefined): string {
  return v ? "true" : "false";
}

// mirrors printController: "Kind/name" of the controlling owner reference.
export function printController(obj: KubeObject): string {
  const ref = (obj.metadata?.ownerReferences ?? []).find((r) => r.controller === true);
  return ref ? `${ref.kind}/${ref.name}` : "";
}

// mirrors printLabelsMultilineWithIndent: sorted "key=value", one per line, aligned after the title.
export function printLabelsMultiline(w: PrefixWriter, title: string, labels: Readonly<Record<string, string>> | undefined, initialIndent = "", innerIndent = "\t"): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.writeLine("<none>");
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, initialIndent + innerIndent);
    w.write(LEVEL_0, `${key}=${(labels as Record<string, string>)[key]}\n`);
  });
}

/** skipAnnotations: the last-applied configuration is never shown. */
const SKIP_ANNOTATIONS = new Set(["kubectl.kubernetes.io/last-applied-configuration"]);
const MAX_ANNOTATION_LEN = 140;

// mirrors printAnnotationsMultiline: long or multi-line values go on their own indented lines, shortened.
export function printAnnotationsMultiline(w: PrefixWriter, title: string, annotations: Readonly<Record<string, string>> | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !SKIP_ANNOTATIONS.has(k))
    .sort();
  if (keys.length === 0) {
    w.writeLine("<none>");
    return;
  }
  const indent = "\t";
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    const raw = (annotations as Record<string, string>)[key] as string;
    const value = raw.endsWith("\n") ? raw.slice(0, -1) : raw;
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes("\n")) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split("\n")) {
        const short = s.length > MAX_ANNOTATION_LEN - 2 ? s.slice(0, MAX_ANNOTATION_LEN - 2) + "..." : s;
        w.write(LEVEL_0, `${indent}  ${short}\n`);
      }
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

// mirrors printTolerationsMultilineWithIndent ("key=value:Effect op=Exists for 300s"), sorted by key.
export function printTolerationsMultiline(w: PrefixWriter, title: string, tolerations: readonly Toleration[] | undefined, initialIndent = ""): void {
  const innerIndent = "\t";
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const list = [...(tolerations ?? [])];
  if (list.length === 0) {
    w.writeLine("<none>");
    return;
  }
  list.sort((a, b) => ((a.key ?? "") < (b.key ?? "") ? -1 : (a.key ?? "") > (b.key ?? "") ? 1 : 0));
  list.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, initialIndent + innerIndent);
    let s = t.key ?? "";
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    // "operator: Exists" with no key or effect tolerates everything.
    if (t.operator === "Exists" && !t.value) s += t.key || t.effect ? " op=Exists" : "op=Exists";
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, s + "\n");
  });
}

/** Taint.ToString: "key=value:Effect" (no "=" without a value). */
export function taintToString(t: Taint): string {
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

// mirrors printTaintsMultilineWithIndent: sorted by "effect,key".
export function printTaintsMultiline(w: PrefixWriter, title: string, taints: readonly Taint[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const list = [...(taints ?? [])];
  if (list.length === 0) {
    w.writeLine("<none>");
    return;
  }
  const cmpKey = (t: Taint) => `${t.effect},${t.key}`;
  list.sort((a, b) => (cmpKey(a) < cmpKey(b) ? -1 : cmpKey(a) > cmpKey(b) ? 1 : 0));
  list.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, "\t");
    w.write(LEVEL_0, taintToString(t) + "\n");
  });
}

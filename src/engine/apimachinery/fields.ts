// Field selectors: `kubectl get pods --field-selector spec.nodeName=node-1,status.phase!=Running`.
// Mirrors k8s.io/apimachinery pkg/fields/selector.go (ParseSelector, UnescapeValue, hasTerm/notHasTerm/andTerm),
// the per-kind field label conversions the API server applies (k/k pkg/apis/core/v1/conversion.go,
// pkg/apis/batch/v1/conversion.go, runtime.DefaultMetaV1FieldSelectorConversion) and the selectable
// field sets of the registries (k/k pkg/registry/*/strategy.go ToSelectableFields).
import type { KubeObject } from "../api/types";
import { compareStrings } from "./labelRequirement";

export class FieldSelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FieldSelectorError";
  }
}

export interface FieldRequirement {
  readonly field: string;
  /** "=" and "==" both parse to an equality term (hasTerm). */
  readonly operator: "=" | "!=";
  readonly value: string;
}

export interface FieldSelector {
  readonly requirements: readonly FieldRequirement[];
  /** Matches an object through a field accessor (fields.Set.Get: a missing field reads as ""). */
  matches(get: (field: string) => string): boolean;
  empty(): boolean;
  toString(): string;
  requiresExactMatch(field: string): string | undefined;
}

class AndTerm implements FieldSelector {
  constructor(readonly requirements: readonly FieldRequirement[]) {}

  matches(get: (field: string) => string): boolean {
    for (const r of this.requirements) {
      const equal = get(r.field) === r.value;
      if (equal !== (r.operator === "=")) return false;
    }
    return true;
  }

  empty(): boolean {
    return this.requirements.length === 0;
  }

  toString(): string {
    return this.requirements.map((r) => `${r.field}${r.operator}${escapeFieldValue(r.value)}`).join(",");
  }

  requiresExactMatch(field: string): string | undefined {
    return this.requirements.find((r) => r.operator === "=" && r.field === field)?.value;
  }
}

/** fields.Everything(). */
export const EVERYTHING_FIELDS: FieldSelector = new AndTerm([]);

// mirrors fields.EscapeValue: `\` → `\\`, `,` → `\,`, `=` → `\=`.
export function escapeFieldValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => "\\" + c);
}

// mirrors fields.UnescapeValue
export function unescapeFieldValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = "";
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== "\\" && c !== "," && c !== "=") {
        throw new FieldSelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      }
      out += c;
      inSlash = false;
    } else if (c === "\\") {
      inSlash = true;
    } else if (c === "," || c === "=") {
      // Go prints the rune with %v: its code point number ("61" for '=').
      throw new FieldSelectorError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    } else {
      out += c;
    }
  }
  if (inSlash) throw new FieldSelectorError("invalid field selector: invalid escape sequence: \\");
  return out;
}

// mirrors splitTerms: commas split terms unless backslash-escaped.
function splitTerms(s: string): string[] {
  if (s.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inSlash) inSlash = false;
    else if (c === "\\") inSlash = true;
    else if (c === ",") {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

const TERM_OPERATORS = ["!=", "==", "="] as const;

// mirrors splitTerm: the first operator occurrence splits; "==" is tried before "=".
function splitTerm(term: string): [string, (typeof TERM_OPERATORS)[number], string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of TERM_OPERATORS) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

// mirrors fields.ParseSelector: terms are sorted (as raw strings) before they are parsed.
export function parseFieldSelector(selector: string): FieldSelector {
  const parts = splitTerms(selector).sort(compareStrings);
  const reqs: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === "") continue;
    const split = splitTerm(part);
    if (!split) throw new FieldSelectorError(`invalid selector: '${selector}'; can't understand '${part}'`);
    const [field, op, rhs] = split;
    reqs.push({ field, operator: op === "!=" ? "!=" : "=", value: unescapeFieldValue(rhs) });
  }
  return reqs.length === 0 ? EVERYTHING_FIELDS : new AndTerm(reqs);
}

/** A field label conversion: the label the server understands, or an error message. */
type Conversion = (label: string) => string | { error: string };

function accepting(labels: readonly string[], error: (label: string) => string, aliases: Record<string, string> = {}): Conversion {
  const set = new Set(labels);
  return (label) => (set.has(label) ? label : Object.hasOwn(aliases, label) ? (aliases[label] as string) : { error: error(label) });
}

const notSupported = (label: string) => `field label not supported: ${label}`;

// The registered conversions, keyed "group/Kind" (core group ""). Anything else gets the default.
const CONVERSIONS: ReadonlyMap<string, Conversion> = new Map<string, Conversion>([
  ["/Pod", accepting(
    ["metadata.name", "metadata.namespace", "spec.nodeName", "spec.restartPolicy", "spec.schedulerName",
      "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.podIPs",
      "status.nominatedNodeName"],
    notSupported,
    // For old v1 clients that send spec.host.
    { "spec.host": "spec.nodeName" },
  )],
  ["/Node", accepting(["metadata.name", "spec.unschedulable"], notSupported)],
  ["/ReplicationController", accepting(["metadata.name", "metadata.namespace", "status.replicas"], notSupported)],
  ["/Event", accepting(
    ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
      "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
      "reportingComponent", "source", "type", "metadata.namespace", "metadata.name"],
    notSupported,
  )],
  ["/Namespace", accepting(["status.phase", "metadata.name"], notSupported)],
  ["/Secret", accepting(["type", "metadata.namespace", "metadata.name"], notSupported)],
  ["/Service", accepting(["metadata.namespace", "metadata.name", "spec.clusterIP", "spec.type"], notSupported)],
  ["batch/Job", accepting(
    ["metadata.name", "metadata.namespace", "status.successful"],
    (label) => `field label ${JSON.stringify(label)} not supported for batchv1.Job`,
  )],
]);

// mirrors runtime.DefaultMetaV1FieldSelectorConversion
const defaultConversion = accepting(
  ["metadata.name", "metadata.namespace"],
  (label) => `${JSON.stringify(label)} is not a known field selector: only "metadata.name", "metadata.namespace"`,
);

/** Scheme.ConvertFieldLabel for a kind: the converted label, or throws with the server's message. */
export function convertFieldLabel(group: string, kind: string, label: string): string {
  const result = (CONVERSIONS.get(`${group}/${kind}`) ?? defaultConversion)(label);
  if (typeof result !== "string") throw new FieldSelectorError(result.error);
  return result;
}

// What the API server does with ?fieldSelector= for a list of `group/kind`: parse, then convert each term
// (handlers/get.go ListResource → FieldSelector.Transform(ConvertFieldLabel)). Throws FieldSelectorError.
export function fieldSelectorForKind(group: string, kind: string, selector: string): FieldSelector {
  const parsed = parseFieldSelector(selector);
  if (parsed.empty()) return parsed;
  return new AndTerm(parsed.requirements.map((r) => ({ ...r, field: convertFieldLabel(group, kind, r.field) })));
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");
const int = (v: unknown): string => String(typeof v === "number" ? Math.trunc(v) : 0);
const bool = (v: unknown): string => (v === true ? "true" : "false");

// mirrors the registries' ToSelectableFields: the value of one selectable field ("" when absent, as
// fields.Set.Get). Reads only what the field needs, so matching a pod allocates nothing.
export function selectableFieldValue(obj: KubeObject, field: string): string {
  switch (field) {
    case "metadata.name":
      return obj.metadata.name;
    case "metadata.namespace":
      return obj.metadata.namespace ?? "";
  }
  const spec = (obj.spec ?? {}) as Record<string, unknown>;
  const status = (obj.status ?? {}) as Record<string, unknown>;
  switch (obj.kind) {
    case "Pod":
      switch (field) {
        case "spec.nodeName": return str(spec.nodeName);
        case "spec.restartPolicy": return str(spec.restartPolicy);
        case "spec.schedulerName": return str(spec.schedulerName);
        case "spec.serviceAccountName": return str(spec.serviceAccountName);
        case "spec.hostNetwork": return bool(spec.hostNetwork);
        case "status.phase": return str(status.phase);
        // The first of podIPs; podIP is the engine's fallback when podIPs was not filled.
        case "status.podIP": return str((status.podIPs as { ip?: string }[] | undefined)?.[0]?.ip) || str(status.podIP);
        case "status.nominatedNodeName": return str(status.nominatedNodeName);
      }
      return "";
    case "Node":
      return field === "spec.unschedulable" ? bool(spec.unschedulable) : "";
    case "Namespace":
      return field === "status.phase" ? str(status.phase) : "";
    case "Secret":
      return field === "type" ? str(obj.type) : "";
    case "Service":
      return field === "spec.clusterIP" ? str(spec.clusterIP) : field === "spec.type" ? str(spec.type) : "";
    case "ReplicationController":
      return field === "status.replicas" ? int(status.replicas) : "";
    case "Job":
      return field === "status.successful" ? int(status.succeeded) : "";
    case "Event":
      return eventFieldValue(obj, field);
  }
  return "";
}

function eventFieldValue(obj: KubeObject, field: string): string {
  const involved = (obj.involvedObject ?? {}) as Record<string, unknown>;
  if (field.startsWith("involvedObject.")) return str(involved[field.slice("involvedObject.".length)]);
  switch (field) {
    case "reason": return str(obj.reason);
    case "type": return str(obj.type);
    case "reportingComponent": return str(obj.reportingComponent);
    // source is source.component, or the reporting controller when the component is empty.
    case "source": return str((obj.source as { component?: string } | undefined)?.component) || str(obj.reportingComponent);
  }
  return "";
}

/** Does `obj` satisfy the (already converted) field selector? */
export function matchesFieldSelector(selector: FieldSelector, obj: KubeObject): boolean {
  // A plain loop rather than selector.matches(closure): this runs once per object on large lists.
  for (const r of selector.requirements) {
    if ((selectableFieldValue(obj, r.field) === r.value) !== (r.operator === "=")) return false;
  }
  return true;
}

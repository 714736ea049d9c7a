// Which objects a command acts on, from its arguments: `TYPE NAME...`, `TYPE/NAME...`, `TYPE -l sel`,
// `TYPE --all`, `-A`. mirrors cli-runtime's resource.Builder (pkg/resource/builder.go:
// ResourceTypeOrNameArgs, LabelSelectorParam, FieldSelectorParam, SelectAllParam, AllNamespaces, Latest)
// with ContinueOnError: a missing named object is one error among the results, not the end.
import type { ResourceType } from "../../api/registry";
import type { KubeObject } from "../../api/types";
import { FieldSelectorError, fieldSelectorForKind, matchesFieldSelector, type FieldSelector } from "../../apimachinery/fields";
import { parseSelector, type Selector } from "../../apimachinery/labels";
import type { CommandContext } from "../command";
import { parseResourceArgs, type ResourceRef } from "../resourceArgs";
import { fail, toFailure, type Failure } from "./errors";

/** One object a command visits (resource.Info). */
export interface Info {
  readonly type: ResourceType;
  /** undefined for cluster-scoped kinds. */
  readonly namespace: string | undefined;
  readonly name: string;
  /** The object as fetched (or as read from a file when `source` is set). */
  object?: KubeObject;
  /** The manifest file it came from (for `error when ... "<file>"`). */
  readonly source?: string;
}

export interface SelectOptions {
  selector?: string;
  fieldSelector?: string;
  /** --all */
  all?: boolean;
  /** -A / --all-namespaces */
  allNamespaces?: boolean;
  /** A bare TYPE selects every object (kubectl get); otherwise it needs a name, -l or --all. */
  allowEmptySelector?: boolean;
  /** GET each named object (Builder.Latest / RequireObject): a missing one becomes a NotFound error. */
  fetch?: boolean;
}

export interface Selection {
  infos: Info[];
  failures: Failure[];
}

/** resource.Builder's message when nothing at all was asked for. */
export const MISSING_RESOURCES_MESSAGE =
  "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

/** Builder.visitByPaths: -f and resource arguments together. */
export const PATHS_AND_ARGS_MESSAGE = "when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well";

/** GroupVersionResource.String(): `/v1, Resource=pods`, `apps/v1, Resource=deployments`. */
export function gvrString(t: ResourceType): string {
  return `${t.group}/${t.version}, Resource=${t.resource}`;
}

/** The namespace an object of `t` is addressed in. */
export function namespaceFor(ctx: CommandContext, t: ResourceType): string | undefined {
  return t.namespaced ? ctx.namespace : undefined;
}

/** Resolves command-line resource arguments to the objects they name or select. */
export function selectResources(ctx: CommandContext, args: readonly string[], opts: SelectOptions = {}): Selection {
  if (args.length === 0) fail(MISSING_RESOURCES_MESSAGE);
  const refs = parseResourceArgs(args);
  const hasSelector = opts.selector !== undefined && opts.selector !== "";
  const hasFieldSelector = opts.fieldSelector !== undefined && opts.fieldSelector !== "";
  const infos: Info[] = [];
  const failures: Failure[] = [];
  const named = refs.some((r) => r.names.length > 0);
  if (named && (hasSelector || hasFieldSelector)) fail("name cannot be provided when a selector is specified");
  if (named && opts.allNamespaces) fail("a resource cannot be retrieved by name across all namespaces");
  for (const ref of refs) {
    if (ref.names.length > 0) {
      for (const name of ref.names) visitNamed(ctx, ref.type, name, opts.fetch === true, infos, failures);
      continue;
    }
    if (!hasSelector && !hasFieldSelector && !opts.all && !opts.allowEmptySelector) {
      fail("resource(s) were provided, but no name was specified");
    }
    listSelected(ctx, ref, opts, infos, failures);
  }
  return { infos, failures };
}

function visitNamed(ctx: CommandContext, type: ResourceType, name: string, fetch: boolean, infos: Info[], failures: Failure[]): void {
  const namespace = namespaceFor(ctx, type);
  if (!fetch) {
    infos.push({ type, namespace, name });
    return;
  }
  try {
    const object = ctx.env.api.get(ctx.actor, type, namespace, name);
    infos.push({ type, namespace, name, object });
  } catch (e) {
    failures.push(toFailure(e));
  }
}

function listSelected(ctx: CommandContext, ref: ResourceRef, opts: SelectOptions, infos: Info[], failures: Failure[]): void {
  const type = ref.type;
  const namespace = opts.allNamespaces ? undefined : namespaceFor(ctx, type);
  let labels: Selector | undefined;
  let fields: FieldSelector | undefined;
  try {
    if (opts.selector) labels = parseSelector(opts.selector);
    if (opts.fieldSelector) fields = fieldSelectorForKind(type.group, type.kind, opts.fieldSelector);
  } catch (e) {
    // The server refuses the list (400); kubectl's EnhanceListError names what was asked for.
    const detail = e instanceof FieldSelectorError || e instanceof Error ? e.message : String(e);
    failures.push({
      text: `Unable to find ${JSON.stringify(gvrString(type))} that match label selector ${JSON.stringify(opts.selector ?? "")}, field selector ${JSON.stringify(opts.fieldSelector ?? "")}: ${detail}`,
      reason: "BadRequest",
    });
    return;
  }
  const filter = labels || fields ? (o: KubeObject) => (!labels || labels.matches(o.metadata.labels)) && (!fields || matchesFieldSelector(fields, o)) : undefined;
  try {
    for (const object of ctx.env.api.list(ctx.actor, type, namespace, filter)) {
      infos.push({ type, namespace: object.metadata.namespace, name: object.metadata.name, object });
    }
  } catch (e) {
    failures.push(toFailure(e));
  }
}

/** Fetches the current state of an info's object (Info.Get); throws the API error. */
export function refresh(ctx: CommandContext, info: Info): KubeObject {
  const object = ctx.env.api.get(ctx.actor, info.type, info.namespace, info.name);
  info.object = object;
  return object;
}

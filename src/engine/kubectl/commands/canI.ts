// `kubectl auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL]` and `kubectl auth can-i --list`:
// a SelfSubjectAccessReview answered "yes" or "no" (exit code 1 for no), or the SelfSubjectRulesReview
// as kubectl's table (rules broken down, verbs of one resource compacted, sorted by the rule's Go string).
// mirrors kubectl pkg/cmd/auth/cani.go (Complete, Validate, RunAccessCheck, RunAccessList, resourceFor,
// printStatus); the rule layout is printers/describe/rbacRules.ts.
import { resolveResource, RESOURCE_TYPES } from "../../api/registry";
import { selfSubjectAccessReview, selfSubjectRulesReview } from "../../apiserver/authorization/accessReview";
import type { PolicyRule } from "../../apiserver/authorization/types";
import type { CommandContext, CommandDef } from "../command";
import { bool, str, type ParsedArgs } from "../flags";
import { humanRules, ruleRow } from "../printers/describe/rbacRules";
import { newKubectlTableWriter } from "../printers/tabwriter";
import { ERR_EXIT, fail, type Failure } from "../util/errors";

const RESOURCE_VERBS = new Set(["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "use", "bind", "impersonate", "*", "approve", "sign", "escalate", "attest"]);
const NON_RESOURCE_VERBS = new Set(["get", "put", "post", "head", "options", "delete", "patch", "*"]);
/** Resources the server supports but discovery does not list (for the impersonate verb). */
const NON_STANDARD_RESOURCES = new Set(["users", "groups"]);

interface Target {
  group: string;
  resource: string;
  /** Unknown to discovery: no namespace-scope warning. */
  known: boolean;
  namespaced: boolean;
}

// mirrors resourceFor: "*" as is; else the RESTMapper's answer; else the argument itself, with a warning.
function resourceFor(ctx: CommandContext, arg: string): Target {
  if (arg === "*") return { group: "", resource: "*", known: true, namespaced: true };
  const lower = arg.toLowerCase();
  const rt = resolveResource(lower) ?? fullySpecified(lower);
  if (rt) return { group: rt.group, resource: rt.resource, known: true, namespaced: rt.namespaced };
  const dot = lower.indexOf(".");
  const resource = dot < 0 ? lower : lower.slice(0, dot);
  const group = dot < 0 ? "" : lower.slice(dot + 1);
  if (!NON_STANDARD_RESOURCES.has(dot < 0 ? lower : `${resource}.${group}`)) {
    ctx.out.warn(group === "" ? `the server doesn't have a resource type '${resource}'` : `the server doesn't have a resource type '${resource}' in group '${group}'`);
  }
  return { group: "", resource: arg, known: false, namespaced: true };
}

/** schema.ParseResourceArg's "resource.version.group" form (jobs.v1.batch). */
function fullySpecified(arg: string) {
  const parts = arg.split(".");
  if (parts.length < 3) return undefined;
  const [resource, version, ...group] = parts;
  return RESOURCE_TYPES.find((t) => t.resource === resource && t.version === version && t.group === group.join("."));
}

function runAccessCheck(ctx: CommandContext, p: ParsedArgs, namespace: string): Failure[] {
  const args = p.positional;
  if (args.length !== 2) fail("you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.");
  const verb = args[0] as string;
  const subresource = str(p, "subresource") ?? "";
  const target = args[1] as string;
  let spec: Parameters<typeof selfSubjectAccessReview>[3];
  if (target.startsWith("/")) {
    if (subresource !== "") fail("--subresource can not be used with NonResourceURL");
    if (!NON_RESOURCE_VERBS.has(verb)) ctx.out.warn(`verb '${verb}' is not a known verb`);
    spec = { nonResourcePath: target, verb };
  } else {
    const slash = target.indexOf("/");
    const r = resourceFor(ctx, slash < 0 ? target : target.slice(0, slash));
    const name = slash < 0 ? "" : target.slice(slash + 1);
    if (r.known && !bool(p, "all-namespaces") && !r.namespaced) {
      ctx.out.warn(r.group === "" ? `resource '${r.resource}' is not namespace scoped` : `resource '${r.resource}' is not namespace scoped in group '${r.group}'`);
    }
    if (!RESOURCE_VERBS.has(verb)) ctx.out.warn(`verb '${verb}' is not a known verb`);
    spec = { namespace, verb, group: r.group, resource: r.resource, subresource, name };
  }
  if (bool(p, "no-headers")) fail("--no-headers cannot be set without --list specified");
  const status = selfSubjectAccessReview(ctx.env.api, ctx.env.clock, ctx.actor, spec);
  if (!bool(p, "quiet")) {
    let line = status.allowed ? "yes" : "no";
    if (!status.allowed && status.reason !== "") line += ` - ${status.reason}`;
    if (!status.allowed && status.evaluationError !== "") line += ` - ${status.evaluationError}`;
    ctx.out.out(`${line}\n`);
  }
  // "no" is not an error: kubectl exits 1 without a message (os.Exit(1)).
  return status.allowed ? [] : [ERR_EXIT];
}

function runCanI(ctx: CommandContext, p: ParsedArgs): Failure[] {
  const namespace = bool(p, "all-namespaces") ? "" : ctx.namespace;
  if (!bool(p, "list")) return runAccessCheck(ctx, p, namespace);
  if (p.positional.length !== 0) fail("list option must be specified with no arguments");
  if (bool(p, "quiet") || bool(p, "all-namespaces") || (str(p, "subresource") ?? "") !== "") {
    fail("list option can't be specified with neither quiet, all-namespaces nor subresource options");
  }
  const status = selfSubjectRulesReview(ctx.env.api, ctx.env.clock, ctx.actor, namespace);
  if (status.incomplete) ctx.out.warn(`the list may be incomplete: ${status.evaluationError}`);
  ctx.out.out(accessTable([...status.resourceRules, ...status.nonResourceRules], !bool(p, "no-headers")));
  return [];
}

function accessTable(rules: PolicyRule[], headers: boolean): string {
  const w = newKubectlTableWriter();
  if (headers) w.write("Resources\tNon-Resource URLs\tResource Names\tVerbs\n");
  for (const r of humanRules(rules)) w.write(`${ruleRow(r)}\n`);
  w.flush();
  return w.toString();
}

export const canICommand: CommandDef = {
  name: "can-i",
  short: "Check whether an action is allowed",
  use: "can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL]",
  flags: [
    { name: "all-namespaces", short: "A", kind: "bool" },
    { name: "quiet", short: "q", kind: "bool" },
    { name: "subresource", kind: "string" },
    { name: "list", kind: "bool" },
    { name: "no-headers", kind: "bool" },
  ],
  run: runCanI,
};

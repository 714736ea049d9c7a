// `kubectl create rolebinding NAME --clusterrole=NAME|--role=NAME [--user=u] [--group=g]
// [--serviceaccount=ns:name]`: a RoleBinding in the namespace. Subjects are listed users first, then
// groups, then service accounts, in the order given. The subject building is shared with
// `create clusterrolebinding`.
// mirrors kubectl pkg/cmd/create/create_rolebinding.go (Validate, createRoleBinding, Run).
import { resolveResource } from "../../api/registry";
import type { KubeObject } from "../../api/types";
import type { Subject } from "../../apiserver/authorization/types";
import type { CommandContext, CommandDef } from "../command";
import { bool, str, strs, type ParsedArgs } from "../flags";
import { fail, toFailure, type Failure } from "../util/errors";
import { withLastApplied } from "../util/lastApplied";
import { nameLine } from "../util/names";
import { namespaceFor } from "../util/resources";
import { nameFromArgs } from "./createDeployment";
import { CREATE_OBJECT_FLAGS } from "../util/createFlags";

const ROLE_BINDINGS = resolveResource("rolebindings")!;
const RBAC_GROUP = "rbac.authorization.k8s.io";

/** The --user, --group and --serviceaccount subjects; service accounts must read "<namespace>:<name>". */
export function subjectsFrom(p: ParsedArgs): Subject[] {
  const subjects: Subject[] = [];
  for (const name of strs(p, "user")) subjects.push({ kind: "User", apiGroup: RBAC_GROUP, name });
  for (const name of strs(p, "group")) subjects.push({ kind: "Group", apiGroup: RBAC_GROUP, name });
  for (const sa of strs(p, "serviceaccount")) {
    const tokens = sa.split(":");
    if (tokens.length !== 2 || tokens[0] === "" || tokens[1] === "") fail("serviceaccount must be <namespace>:<name>");
    subjects.push({ kind: "ServiceAccount", name: tokens[1] as string, namespace: tokens[0] as string });
  }
  return subjects;
}

/** Creates `obj` the way the typed client's error is reported by these commands: "failed to create <kind>: ...". */
export function createWrapped(ctx: CommandContext, p: ParsedArgs, obj: KubeObject, what: string, namespace?: string): Failure[] {
  try {
    ctx.env.api.create(ctx.actor, bool(p, "save-config") ? withLastApplied(obj) : obj, namespace);
  } catch (e) {
    return [{ text: `failed to create ${what}: ${toFailure(e).text}` }];
  }
  return [];
}

function runCreateRoleBinding(ctx: CommandContext, p: ParsedArgs): Failure[] {
  const name = nameFromArgs(ctx, p.positional);
  const role = str(p, "role") ?? "";
  const clusterRole = str(p, "clusterrole") ?? "";
  if (name === "") fail("name must be specified");
  if ((clusterRole === "") === (role === "")) fail("exactly one of clusterrole or role must be specified");
  const subjects = subjectsFrom(p);
  const binding = {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: { name, ...(ctx.enforceNamespace ? { namespace: ctx.namespace } : {}) },
    roleRef: { apiGroup: RBAC_GROUP, kind: role !== "" ? "Role" : "ClusterRole", name: role !== "" ? role : clusterRole },
    ...(subjects.length > 0 ? { subjects } : {}),
  } as unknown as KubeObject;
  const failures = createWrapped(ctx, p, binding, "rolebinding", namespaceFor(ctx, ROLE_BINDINGS));
  if (failures.length === 0) ctx.out.out(nameLine(ROLE_BINDINGS, name, "created"));
  return failures;
}

export const BINDING_FLAGS = [
  { name: "clusterrole", kind: "string" },
  { name: "user", kind: "stringArray" },
  { name: "group", kind: "stringArray" },
  { name: "serviceaccount", kind: "stringArray" },
  ...CREATE_OBJECT_FLAGS,
] as const;

export const createRoleBindingCommand: CommandDef = {
  name: "rolebinding",
  short: "Create a role binding for a particular role or cluster role",
  use: "rolebinding NAME --clusterrole=NAME|--role=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none]",
  flags: [...BINDING_FLAGS, { name: "role", kind: "string" }],
  run: runCreateRoleBinding,
};

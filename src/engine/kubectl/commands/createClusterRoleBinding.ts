// `kubectl create clusterrolebinding NAME --clusterrole=NAME [--user=u] [--group=g]
// [--serviceaccount=ns:name]`: a ClusterRoleBinding (--clusterrole is a required flag).
// mirrors kubectl pkg/cmd/create/create_clusterrolebinding.go.
import { resolveResource } from "../../api/registry";
import type { KubeObject } from "../../api/types";
import type { CommandContext, CommandDef } from "../command";
import { str, type ParsedArgs } from "../flags";
import { fail, type Failure } from "../util/errors";
import { nameLine } from "../util/names";
import { nameFromArgs } from "./createDeployment";
import { BINDING_FLAGS, createWrapped, subjectsFrom } from "./createRoleBinding";

const CLUSTER_ROLE_BINDINGS = resolveResource("clusterrolebindings")!;

function runCreateClusterRoleBinding(ctx: CommandContext, p: ParsedArgs): Failure[] {
  // cobra's MarkFlagRequired is checked before the command runs.
  if (!p.changed.has("clusterrole")) fail('required flag(s) "clusterrole" not set');
  const name = nameFromArgs(ctx, p.positional);
  const subjects = subjectsFrom(p);
  const binding = {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRoleBinding",
    metadata: { name },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: str(p, "clusterrole") ?? "" },
    ...(subjects.length > 0 ? { subjects } : {}),
  } as unknown as KubeObject;
  const failures = createWrapped(ctx, p, binding, "clusterrolebinding");
  if (failures.length === 0) ctx.out.out(nameLine(CLUSTER_ROLE_BINDINGS, name, "created"));
  return failures;
}

export const createClusterRoleBindingCommand: CommandDef = {
  name: "clusterrolebinding",
  short: "Create a cluster role binding for a particular cluster role",
  use: "clusterrolebinding NAME --clusterrole=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none]",
  flags: [...BINDING_FLAGS],
  run: runCreateClusterRoleBinding,
};

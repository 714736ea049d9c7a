// `kubectl get rolebindings` / `clusterrolebindings`: NAME ROLE AGE; wide: USERS GROUPS SERVICEACCOUNTS.
// mirrors printRoleBinding, printClusterRoleBinding (k/k pkg/printers/internalversion/printers.go) and
// rbac.SubjectsStrings (pkg/apis/rbac/helpers.go). Roles and ClusterRoles have no printer upstream: they
// get the default NAME / CREATED AT table (see defaultTable.ts).
import type { KubeObject } from "../../../api/types";
import { age, arr, col, field, NAME, rec, str, type Cell, type KindPrinter } from "./types";

// mirrors SubjectsStrings: users, groups and "namespace/name" service accounts.
export function subjectsStrings(subjects: unknown[]): [string[], string[], string[]] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of subjects) {
    const subject = rec(s);
    if (subject.kind === "ServiceAccount") sas.push(`${str(subject.namespace)}/${str(subject.name)}`);
    else if (subject.kind === "User") users.push(str(subject.name));
    else if (subject.kind === "Group") groups.push(str(subject.name));
  }
  return [users, groups, sas];
}

export const roleBindingPrinter: KindPrinter = {
  columns: [NAME, col("Role"), col("Age"), col("Users", 1), col("Groups", 1), col("ServiceAccounts", 1)],
  row(obj: KubeObject, now: number): Cell[] {
    const ref = rec((obj as Record<string, unknown>).roleRef);
    const [users, groups, sas] = subjectsStrings(arr(field(obj, "subjects")));
    return [obj.metadata.name, `${str(ref.kind)}/${str(ref.name)}`, age(obj, now), users.join(", "), groups.join(", "), sas.join(", ")];
  },
};

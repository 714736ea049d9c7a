// `kubectl describe` for Roles, ClusterRoles, RoleBindings, ClusterRoleBindings and ServiceAccounts.
// mirrors RoleDescriber, ClusterRoleDescriber, RoleBindingDescriber, ClusterRoleBindingDescriber and
// describeServiceAccount (kubectl pkg/describe/describe.go).
import type { KubeEvent, KubeObject } from "../../../api/types";
import type { PolicyRule, RoleRef, Subject } from "../../../apiserver/authorization/types";
import { describeEvents } from "./events";
import { LEVEL_0, LEVEL_1, printAnnotationsMultiline, printLabelsMultiline, tabbedString } from "./prefixWriter";
import { humanRules, ruleRow } from "./rbacRules";

/** Role and ClusterRole: the rules as kubectl's PolicyRule table. */
export function describeRole(role: KubeObject): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${role.metadata.name}\n`);
    printLabelsMultiline(w, "Labels", role.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", role.metadata.annotations);
    w.write(LEVEL_0, "PolicyRule:\n");
    w.write(LEVEL_1, "Resources\tNon-Resource URLs\tResource Names\tVerbs\n");
    w.write(LEVEL_1, "---------\t-----------------\t--------------\t-----\n");
    for (const r of humanRules(((role as { rules?: PolicyRule[] | null }).rules ?? []) as PolicyRule[])) w.write(LEVEL_1, `${ruleRow(r)}\n`);
  });
}

/** RoleBinding and ClusterRoleBinding: the role it grants and to whom. */
export function describeRoleBinding(binding: KubeObject): string {
  const b = binding as KubeObject & { roleRef?: RoleRef; subjects?: Subject[] };
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${b.metadata.name}\n`);
    printLabelsMultiline(w, "Labels", b.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", b.metadata.annotations);
    w.write(LEVEL_0, "Role:\n");
    w.write(LEVEL_1, `Kind:\t${b.roleRef?.kind ?? ""}\n`);
    w.write(LEVEL_1, `Name:\t${b.roleRef?.name ?? ""}\n`);
    w.write(LEVEL_0, "Subjects:\n");
    w.write(LEVEL_1, "Kind\tName\tNamespace\n");
    w.write(LEVEL_1, "----\t----\t---------\n");
    for (const s of b.subjects ?? []) w.write(LEVEL_1, `${s.kind}\t${s.name}\t${s.namespace ?? ""}\n`);
  });
}

// mirrors describeServiceAccount: the three secret lists (headers sorted), then events.
export function describeServiceAccount(sa: KubeObject, events: readonly KubeEvent[] | undefined, now: number): string {
  const names = (list: unknown): string[] => (Array.isArray(list) ? list.map((s) => String((s as { name?: string }).name ?? "")) : []);
  const types: [string, string[]][] = [
    ["Image pull secrets:", names(sa.imagePullSecrets)],
    ["Mountable secrets: ", names(sa.secrets)],
    ["Tokens:            ", []],
  ];
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${sa.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${sa.metadata.namespace ?? ""}\n`);
    printLabelsMultiline(w, "Labels", sa.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", sa.metadata.annotations);
    for (const [header, list] of types) {
      if (list.length === 0) {
        w.write(LEVEL_0, `${header}\t<none>\n`);
        continue;
      }
      let prefix = header;
      for (const n of list) {
        w.write(LEVEL_0, `${prefix}\t${n}\n`);
        prefix = "                   ";
      }
    }
    describeEvents(events, w, now);
  });
}

// `kubectl auth` (can-i, whoami) and the global impersonation flags every command honours
// (--as, --as-group, --as-uid). mirrors kubectl pkg/cmd/auth/auth.go and whoami.go, and the
// Impersonate-* headers client-go adds from cli-runtime's ConfigFlags (with clientcmd's
// validateAuthInfo check that groups or a uid need a user).
import { selfSubjectReview } from "../../apiserver/authorization/accessReview";
import { impersonate } from "../../apiserver/authorization/impersonation";
import type { CommandContext, CommandDef } from "../command";
import type { KubectlEnv } from "../env";
import { str, strs, type ParsedArgs } from "../flags";
import { newKubectlTableWriter } from "../printers/tabwriter";
import { noCompatiblePrinter } from "../util/printFlags";
import { toFailure, type Failure } from "../util/errors";
import { printJSON, printYAML } from "../printers/output";
import { canICommand } from "./canI";

/** The kubeconfig user of kind's context (kind-kind), named by clientcmd's validation errors. */
const KUBECONFIG_USER = "kind-kind";

/**
 * Starts impersonating for one command: returns a function that ends it, or the failures to print
 * instead of running the command (a client-side configuration error, or the server's 403).
 */
export function startImpersonation(env: KubectlEnv, actor: string, p: ParsedArgs): (() => void) | Failure[] {
  const user = str(p, "as") ?? "";
  const groups = strs(p, "as-group");
  const uid = str(p, "as-uid") ?? "";
  if (user === "" && groups.length === 0 && uid === "") return () => {};
  if (user === "") return [{ text: `invalid configuration: requesting uid, groups or user-extra for ${KUBECONFIG_USER} without impersonating a user` }];
  // With the API server down the first request fails anyway (connection refused).
  if (!env.api.available) return () => {};
  const r = impersonate(env.api, actor, { user, groups, ...(uid ? { uid } : {}) });
  return typeof r === "function" ? r : [toFailure(r)];
}

// mirrors WhoAmIOptions.Run: the SelfSubjectReview's user info as a two-column table.
function runWhoAmI(ctx: CommandContext, p: ParsedArgs): Failure[] {
  const output = str(p, "output") ?? "";
  if (output !== "" && output !== "json" && output !== "yaml") noCompatiblePrinter(output, ["json", "yaml"]);
  const user = selfSubjectReview(ctx.env.api, ctx.env.clock, ctx.actor);
  if (output !== "") {
    const review = {
      kind: "SelfSubjectReview",
      apiVersion: "authentication.k8s.io/v1",
      metadata: { creationTimestamp: null },
      status: { userInfo: { username: user.name, ...(user.uid ? { uid: user.uid } : {}), groups: [...user.groups] } },
    };
    ctx.out.out(output === "json" ? printJSON([review as never], true) : printYAML([review as never], true));
    return [];
  }
  const w = newKubectlTableWriter();
  w.write("ATTRIBUTE\tVALUE\n");
  if (user.name !== "") w.write(`Username\t${user.name}\n`);
  if (user.uid) w.write(`UID\t${user.uid}\n`);
  if (user.groups.length > 0) w.write(`Groups\t[${user.groups.join(" ")}]\n`);
  w.flush();
  ctx.out.out(w.toString());
  return [];
}

const whoAmICommand: CommandDef = {
  name: "whoami",
  short: "Experimental: Check self subject attributes",
  use: "whoami",
  flags: [{ name: "output", short: "o", kind: "string" }],
  run: runWhoAmI,
};

export const authCommand: CommandDef = {
  name: "auth",
  short: "Inspect authorization",
  use: "auth",
  flags: [],
  subcommands: [canICommand, whoAmICommand],
};

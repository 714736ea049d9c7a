// `kubectl create namespace NAME`. mirrors kubectl pkg/cmd/create/create_namespace.go (the object is
// just apiVersion/kind/metadata.name; the server's error is returned as it is).
import { resolveResource } from "../../api/registry";
import type { KubeObject } from "../../api/types";
import type { CommandContext, CommandDef } from "../command";
import { bool, type ParsedArgs } from "../flags";
import type { Failure } from "../util/errors";
import { withLastApplied } from "../util/lastApplied";
import { nameLine } from "../util/names";
import { nameFromArgs } from "./createDeployment";

const NAMESPACES = resolveResource("namespaces")!;

function runCreateNamespace(ctx: CommandContext, p: ParsedArgs): Failure[] {
  const name = nameFromArgs(ctx, p.positional);
  const ns = { apiVersion: "v1", kind: "Namespace", metadata: { name } } as unknown as KubeObject;
  ctx.env.api.create(ctx.actor, bool(p, "save-config") ? withLastApplied(ns) : ns);
  ctx.out.out(nameLine(NAMESPACES, name, "created"));
  return [];
}

export const createNamespaceCommand: CommandDef = {
  name: "namespace",
  aliases: ["ns"],
  short: "Create a namespace with the specified name",
  use: "namespace NAME [--dry-run=server|client|none]",
  flags: [
    { name: "save-config", kind: "bool" },
    { name: "dry-run", kind: "string" },
    { name: "output", short: "o", kind: "string" },
  ],
  run: runCreateNamespace,
};

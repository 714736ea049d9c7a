// `kubectl create secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key=value]`
// (and the `secret` parent). The values travel base64-encoded in data, which is all a Secret is: encoded,
// not encrypted. mirrors kubectl pkg/cmd/create/create_secret.go (NewCmdCreateSecret,
// NewCmdCreateSecretGeneric, createSecret, addKeyFromLiteralToSecret).
import { resolveResource } from "../../api/registry";
import type { KubeObject } from "../../api/types";
import { isConfigMapKey } from "../../apiserver/validation/formats";
import { encodeBase64 } from "../../kubelet/config/base64";
import type { CommandContext, CommandDef } from "../command";
import { bool, str, strs, type ParsedArgs } from "../flags";
import { fail, toFailure, type Failure } from "../util/errors";
import { withLastApplied } from "../util/lastApplied";
import { namespaceFor } from "../util/resources";
import { dryRunOf, parseLiteralSource, printCreated, readEnvFileSources, readFileSources, sliceFlag } from "./createConfigMap";
import { nameFromArgs } from "./createDeployment";
import { CREATE_OBJECT_FLAGS } from "../util/createFlags";

const SECRETS = resolveResource("secrets")!;

function runCreateSecretGeneric(ctx: CommandContext, p: ParsedArgs): Failure[] {
  const name = nameFromArgs(ctx, p.positional);
  const files = sliceFlag(p, "from-file");
  const literals = strs(p, "from-literal");
  const envFiles = sliceFlag(p, "from-env-file");
  if (envFiles.length > 0 && (files.length > 0 || literals.length > 0)) fail("from-env-file cannot be combined with from-file or from-literal");
  const dryRun = dryRunOf(p);
  const data: Record<string, string> = {};
  // addKeyFromLiteralToSecret
  const addKey = (key: string, value: string) => {
    const errs = isConfigMapKey(key);
    if (errs.length > 0) fail(`${JSON.stringify(key)} is not valid key name for a Secret ${errs.join(";")}`);
    if (key in data) fail(`cannot add key ${key}, another key by that name already exists`);
    data[key] = encodeBase64(value);
  };
  // Literals first, then files, then env files (createSecret's order).
  for (const l of literals) addKey(...parseLiteralSource(l));
  readFileSources(ctx, files, addKey);
  readEnvFileSources(ctx, envFiles, addKey);
  const type = str(p, "type") ?? "";
  let secret = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name, ...(ctx.enforceNamespace ? { namespace: ctx.namespace } : {}) },
    ...(Object.keys(data).length > 0 ? { data } : {}),
    ...(type !== "" ? { type } : {}),
  } as unknown as KubeObject;
  if (bool(p, "save-config")) secret = withLastApplied(secret);
  if (!dryRun) {
    try {
      secret = ctx.env.api.create(ctx.actor, secret, namespaceFor(ctx, SECRETS));
    } catch (e) {
      // create_secret.go wraps without a colon: fmt.Errorf("failed to create secret %v", err).
      return [{ text: `failed to create secret ${toFailure(e).text}` }];
    }
  }
  printCreated(ctx, p, SECRETS, secret, dryRun);
  return [];
}

export const createSecretGenericCommand: CommandDef = {
  name: "generic",
  short: "Create a secret from a local file, directory, or literal value",
  use: "generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]",
  flags: [
    { name: "from-file", kind: "stringArray" },
    { name: "from-literal", kind: "stringArray" },
    { name: "from-env-file", kind: "stringArray" },
    { name: "type", kind: "string" },
    { name: "append-hash", kind: "bool" },
    ...CREATE_OBJECT_FLAGS,
  ],
  run: runCreateSecretGeneric,
};

// NewCmdCreateSecret: a parent without a Run of its own (DefaultSubCommandRun prints its help).
export const createSecretCommand: CommandDef = {
  name: "secret",
  short: "Create a secret using a specified subcommand",
  use: "secret (docker-registry | generic | tls)",
  flags: [],
  subcommands: [createSecretGenericCommand],
};

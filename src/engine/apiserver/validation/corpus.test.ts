// Every manifest from the Kubernetes docs goes through the create path (defaults → admission → Job selector
// → validation). The docs' examples are accepted by a v1.34 API server, except the few that are broken on
// purpose or by accident; those must be refused, on the field that is wrong.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { loadAll } from "js-yaml";
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { resourceTypeForKind } from "../../api/registry";
import { admit, generateJobSelector } from "../admission";
import { applyDefaults } from "../defaults";
import { validateCreate } from "./index";

const ROOT = "/work/shared/corpus/website";

/** Documents a v1.34 server refuses, with the first field it names. */
const REFUSED: Record<string, string> = {
  "application/job/job-tmpl.yaml": "metadata.name", // `$ITEM` placeholder, meant for sed
  "controllers/job-success-policy-example.yaml": "metadata.name", // a fragment without metadata
  "pods/pod-with-numeric-toleration.yaml": "spec.tolerations[0].operator", // Gt/Lt tolerations arrive after v1.34
  "pods/probe/grpc-liveness.yaml": "spec.containers[0].livenessProbe", // `gRPC:` is not the `grpc` field
  "pods/storage/projected-clustertrustbundle.yaml": "spec.containers[0].volumeMounts[0].name", // mounts a volume it never declares
  "secret/serviceaccount/mysecretname.yaml": "metadata.annotations[kubernetes.io/service-account.name]", // annotations written as a list
};

function walk(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

function createPath(doc: Record<string, any>): ReturnType<typeof validateCreate> {
  const rt = resourceTypeForKind(doc.apiVersion, doc.kind);
  const meta = { ...(doc.metadata ?? {}), uid: "00000000-0000-4000-8000-000000000000", resourceVersion: "1" };
  if (rt?.namespaced) meta.namespace ??= "default";
  else delete meta.namespace;
  if (!meta.name && meta.generateName) meta.name = `${meta.generateName}x7k2p`;
  const admitted = admit(applyDefaults({ ...doc, metadata: meta } as KubeObject), {
    operation: "CREATE",
    namespaceExists: () => "Active",
    priorityClassValue: () => 1000,
  });
  generateJobSelector(admitted);
  return validateCreate(admitted);
}

describe("the docs' manifests through the create path", () => {
  const outcomes: Record<string, string | undefined> = {};
  for (const file of walk(ROOT).filter((f) => /\.ya?ml$/.test(f))) {
    let docs: unknown[];
    try {
      docs = loadAll(readFileSync(file, "utf8"));
    } catch {
      continue; // not YAML: the manifest layer's to report
    }
    for (const doc of docs) {
      if (!doc || typeof doc !== "object") continue;
      const d = doc as Record<string, any>;
      if (typeof d.apiVersion !== "string" || typeof d.kind !== "string" || !resourceTypeForKind(d.apiVersion, d.kind)) continue;
      if (d.metadata !== undefined && (typeof d.metadata !== "object" || Array.isArray(d.metadata))) continue;
      const rel = file.slice(ROOT.length + 1);
      outcomes[rel] ??= createPath(d)?.errors[0]?.field;
    }
  }

  it("accepts every document except the known-broken ones", () => {
    const refused = Object.fromEntries(Object.entries(outcomes).filter(([, f]) => f !== undefined));
    expect(refused).toEqual(REFUSED);
    expect(Object.keys(outcomes).length).toBeGreaterThan(200);
  });
});

// Loads Monaco (editor core, no language bundles but YAML) and monaco-yaml with the Kubernetes schema.
// This module is only reached through the lazy MonacoPane chunk: the first paint never waits for it.
// Both workers are bundled by Vite (`?worker`), so the editor works offline and makes no CDN request.
//
// Monaco 0.55's editor.createWebWorker takes a ready Worker; monaco-yaml (through monaco-worker-manager)
// still calls it the old way, with a label and createData. The full `monaco-editor` entry papers over
// this with an adapter (vs/common/workers.js); importing the editor core alone does not, so monaco-yaml
// gets a view of the API whose createWebWorker is that adapter (monaco-yaml issue #272, monaco-editor
// issue #5049). The adapter module also loads the editor core's contributions (edcore.main).
import "monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js";
import { createWebWorker } from "monaco-editor/esm/vs/common/workers.js";
import * as monaco from "monaco-editor/esm/vs/editor/editor.api.js";
import EditorWorker from "monaco-editor/esm/vs/editor/editor.worker.js?worker";
import { configureMonacoYaml, type JSONSchema } from "monaco-yaml";
import bundle from "../../../engine/manifests/schemaBundle.json";
import { buildKubernetesJsonSchema, type SchemaDocs, type TypeBundle } from "../schema/kubernetesJsonSchema";
import docs from "../schema/schemaDocs.json";
import YamlWorker from "./yaml.worker.ts?worker";

export { monaco };

/** An identifier for the schema, never fetched (enableSchemaRequest is off). */
const SCHEMA_URI = "inmemory://kubelab/schemas/kubernetes-v1.34.json";

let configured = false;

export function setupMonaco(): typeof monaco {
  if (configured) return monaco;
  configured = true;
  globalThis.MonacoEnvironment = {
    getWorker(_moduleId: string, label: string) {
      return label === "yaml" ? new YamlWorker() : new EditorWorker();
    },
  };
  const api = { ...monaco, editor: { ...monaco.editor, createWebWorker } };
  configureMonacoYaml(api as never, {
    enableSchemaRequest: false,
    completion: true,
    hover: true,
    validate: true,
    schemas: [
      {
        uri: SCHEMA_URI,
        fileMatch: ["*"],
        schema: buildKubernetesJsonSchema(bundle as unknown as TypeBundle, docs as SchemaDocs) as JSONSchema,
      },
    ],
  });
  return monaco;
}

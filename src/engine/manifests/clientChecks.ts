// kubectl's client-side handling of a decoded document before anything is sent: the
// apiVersion/kind check and the expansion of Lists into their items.

import type { ManifestDocument, ManifestObject, ParsedManifestDocument } from "./document";
import { validationErrorMessage, type ManifestError } from "./errors";
import { unwrap, type YamlNode } from "./nodeTree";

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * kubectl's client-side check of one object. mirrors GetObjectKind
 * (k8s.io/kubectl pkg/util/openapi/validation/validation.go) with schema.ParseGroupVersion.
 */
export function typeMetaProblems(obj: unknown): string[] {
  if (!isObject(obj)) return ["invalid object to validate"];
  const problems: string[] = [];
  const apiVersion = obj.apiVersion;
  if (apiVersion === undefined || apiVersion === null) problems.push("apiVersion not set");
  else if (typeof apiVersion !== "string") problems.push("apiVersion isn't string type");
  else if (apiVersion.split("/").length > 2 && apiVersion !== "/") problems.push(`unexpected GroupVersion string: ${apiVersion}`);
  const kind = obj.kind;
  if (kind === undefined || kind === null) problems.push("kind not set");
  else if (typeof kind !== "string") problems.push("kind isn't string type");
  return problems;
}

/**
 * A List (any object with `items`) stands for its items. Items with neither apiVersion nor kind
 * take the list's apiVersion and its kind minus "List".
 * mirrors unstructuredJSONScheme.decodeToList (apimachinery pkg/apis/meta/v1/unstructured/helpers.go)
 * and FlattenListVisitor (cli-runtime pkg/resource/visitor.go).
 */
export function expandList(
  list: ManifestObject,
  rawList: unknown,
  listNode: YamlNode,
  make: (o: ManifestObject, node: YamlNode, raw: unknown) => ParsedManifestDocument,
  documents: ManifestDocument[],
  errors: ManifestError[],
  fileName: string,
  index: number,
): void {
  const probe = make(list, listNode, rawList);
  const items = list.items as unknown[];
  const rawItems = isObject(rawList) && Array.isArray(rawList.items) ? rawList.items : items;
  const itemKind = list.kind.endsWith("List") ? list.kind.slice(0, -"List".length) : list.kind;
  for (let i = 0; i < items.length; i++) {
    let item = items[i];
    if (isObject(item) && item.kind === undefined && item.apiVersion === undefined) {
      item = { ...item, apiVersion: list.apiVersion, kind: itemKind };
    }
    const pos = probe.nearestPositionOf(["items", i]);
    const problems = typeMetaProblems(item);
    if (problems.length > 0 || (isObject(item) && item.kind === "")) {
      errors.push({ fileName, documentIndex: index, itemIndex: i, ...pos, message: validationErrorMessage(fileName, problems.length > 0 ? problems : ["kind not set"]), code: "ValidationError", stopsFile: false });
      continue;
    }
    const itemNode = locateItemNode(listNode, rawItems, i);
    const doc = itemNode === undefined ? make(item as ManifestObject, listNode, rawList) : make(item as ManifestObject, itemNode, rawItems[i]);
    doc.itemIndex = i;
    documents.push(doc);
  }
}

function locateItemNode(listNode: YamlNode, rawItems: unknown[], i: number): YamlNode | undefined {
  const mapChildren = unwrap(listNode).children ?? [];
  for (let k = 0; k + 1 < mapChildren.length; k++) {
    if ((mapChildren[k] as YamlNode).result !== "items") continue;
    const seq = unwrap(mapChildren[k + 1] as YamlNode);
    if (seq.result !== rawItems) continue;
    let n = 0;
    for (const c of seq.children ?? []) {
      if (c.result !== rawItems[n]) continue;
      if (n === i) return c;
      n++;
    }
  }
  return undefined;
}

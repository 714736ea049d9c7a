import { describe, expect, it } from "vitest";
import { scanManifestFile } from "./scanCorpus";

describe("scanManifestFile", () => {
  it("reports per document: served and clean, unknown kind, refused by the server", () => {
    const text = [
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n",
      "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: shop}\n",
      "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {prots: []}\n",
    ].join("---\n");
    const scan = scanManifestFile("mixed.yaml", text);
    expect(scan.documents.map((d) => d.status)).toEqual(["ok", "noKindMatch", "refused"]);
    expect(scan.ok).toBe(false);
    expect(scan.errors.map((e) => [e.code, e.documentIndex, e.line])).toEqual([
      ["NoKindMatch", 1, 5],
      ["BadRequest", 2, 12],
    ]);
    expect(scan.errors[0]?.message).toBe(
      'error: resource mapping not found for name: "w" namespace: "shop" from "mixed.yaml": no matches for kind "Widget" in version "example.com/v1"\nensure CRDs are installed first',
    );
  });

  it("lists per-object errors before the error that stopped the file, as kubectl prints them", () => {
    const scan = scanManifestFile("stop.yaml", "apiVersion: v9\nkind: Thing\n---\nkind: Pod\n");
    expect(scan.errors.map((e) => e.code)).toEqual(["NoKindMatch", "ValidationError"]);
  });
});

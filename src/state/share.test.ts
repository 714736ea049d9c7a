import { describe, expect, it } from "vitest";
import { deflateSync, strToU8 } from "fflate";
import { decodeShare, encodeShare, MAX_SHARED_BYTES, shareUrl } from "./share";
import { parseRoute } from "./route";

const files = [
  { name: "web.yaml", text: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n# ünïcödé ✓\n" },
  { name: "svc.yaml", text: "apiVersion: v1\nkind: Service\n" },
];

describe("share links", () => {
  it("round-trips files through a URL-safe hash", () => {
    const data = encodeShare(files);
    expect(data).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeShare(data)).toEqual(files);
  });

  it("makes a link whose route is the share route", () => {
    const url = shareUrl(files, "https://example.test/kubelab/");
    expect(url.startsWith("https://example.test/kubelab/#/share/")).toBe(true);
    const route = parseRoute(new URL(url).hash);
    expect(route.name === "share" && decodeShare(route.data)).toEqual(files);
  });

  it("compresses repetitive manifests well below their size", () => {
    const big = [{ name: "many.yaml", text: files[0]!.text.repeat(200) }];
    expect(encodeShare(big).length).toBeLessThan(big[0]!.text.length / 10);
  });

  it("refuses damaged, foreign and oversized data without throwing", () => {
    expect(decodeShare("")).toBeUndefined();
    expect(decodeShare("not base64!")).toBeUndefined();
    expect(decodeShare(encodeShare(files).slice(0, 10))).toBeUndefined();
    const foreign = Buffer.from(deflateSync(strToU8(JSON.stringify({ v: 2, files: [] })))).toString("base64url");
    expect(decodeShare(foreign)).toBeUndefined();
    const badShape = Buffer.from(deflateSync(strToU8(JSON.stringify({ v: 1, files: [["a.yaml", 3]] })))).toString("base64url");
    expect(decodeShare(badShape)).toBeUndefined();
    // A bomb: a few KB that would inflate past the limit.
    const bomb = Buffer.from(deflateSync(strToU8(JSON.stringify({ v: 1, files: [["x.yaml", "a".repeat(MAX_SHARED_BYTES + 10)]] })))).toString("base64url");
    expect(bomb.length).toBeLessThan(10_000);
    expect(decodeShare(bomb)).toBeUndefined();
  });
});

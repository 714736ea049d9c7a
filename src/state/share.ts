// Share links: the editor's files, DEFLATE-compressed (fflate) and base64url-encoded into the URL hash
// (#/share/<data>), so a link carries them with no server. Opening one restores the files. Links are
// untrusted input: decoding checks the size (no decompression bombs) and the shape, and never throws.
import { deflateSync, inflateSync, strFromU8, strToU8 } from "fflate";
import type { EditorFile } from "../engine/protocol";
import { routeHash } from "./route";

/** Most text a link may expand to (1 MiB: well above any manifest a lesson needs). */
export const MAX_SHARED_BYTES = 1 << 20;
const FORMAT_VERSION = 1;

function toBase64Url(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(s: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return undefined;
  try {
    const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

/** The hash data for these files. */
export function encodeShare(files: readonly EditorFile[]): string {
  const json = JSON.stringify({ v: FORMAT_VERSION, files: files.map((f) => [f.name, f.text]) });
  return toBase64Url(deflateSync(strToU8(json), { level: 9 }));
}

/** The files in a link's data, or undefined when it is not a valid Kubelab link. */
export function decodeShare(data: string): EditorFile[] | undefined {
  const packed = fromBase64Url(data);
  if (!packed || packed.length === 0) return undefined;
  let text: string;
  try {
    const out = inflateSync(packed, { out: new Uint8Array(MAX_SHARED_BYTES + 1) });
    if (out.length > MAX_SHARED_BYTES) return undefined;
    text = strFromU8(out);
  } catch {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const p = parsed as { v?: unknown; files?: unknown };
  if (!p || p.v !== FORMAT_VERSION || !Array.isArray(p.files)) return undefined;
  const files: EditorFile[] = [];
  for (const f of p.files) {
    if (!Array.isArray(f) || typeof f[0] !== "string" || typeof f[1] !== "string" || f[0] === "") return undefined;
    files.push({ name: f[0], text: f[1] });
  }
  return files;
}

/** The full link for these files on this page. */
export function shareUrl(files: readonly EditorFile[], base: string = `${location.origin}${location.pathname}`): string {
  return `${base}${routeHash({ name: "share", data: encodeShare(files) })}`;
}

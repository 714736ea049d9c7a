// Secret.stringData is write-only: the API server merges it into data (as bytes, base64 in JSON) and
// never stores or returns it — which is why `kubectl get secret -o yaml` shows only base64.
// mirrors Convert_v1_Secret_To_core_Secret (k/k pkg/apis/core/v1/conversion.go): stringData overwrites
// data key by key.
import type { KubeObject } from "../../api/types";
import { encodeBase64 } from "../../kubelet/config/base64";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/** Mutates `obj` (a private copy): stringData into data, stringData removed. */
export function mergeSecretStringData(obj: KubeObject): void {
  if (obj.kind !== "Secret" || obj.apiVersion !== "v1" || !("stringData" in obj)) return;
  const sd = obj.stringData;
  delete obj.stringData;
  if (!isObj(sd) || Object.keys(sd).length === 0) return;
  const data: Obj = isObj(obj.data) ? { ...obj.data } : {};
  for (const [k, v] of Object.entries(sd)) data[k] = encodeBase64(typeof v === "string" ? v : String(v ?? ""));
  obj.data = data;
}

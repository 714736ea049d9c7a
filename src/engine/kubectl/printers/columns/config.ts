// `kubectl get` for configmaps (DATA AGE), secrets (TYPE DATA AGE), serviceaccounts (SECRETS AGE) and
// resourcequotas (REQUEST LIMIT AGE, the column order since v1.33).
// mirrors printConfigMap, printSecret, printServiceAccount, printResourceQuota
// (k/k pkg/printers/internalversion/printers.go).
import type { KubeObject } from "../../../api/types";
import { quantityString } from "./quantity";
import { age, arr, col, field, NAME, rec, str, type Cell, type KindPrinter } from "./types";

const keyCount = (v: unknown): number => Object.keys(rec(v)).length;

export const configMapPrinter: KindPrinter = {
  columns: [NAME, col("Data"), col("Age")],
  row(obj: KubeObject, now: number): Cell[] {
    const o = obj as Record<string, unknown>;
    return [obj.metadata.name, keyCount(o.data) + keyCount(o.binaryData), age(obj, now)];
  },
};

export const secretPrinter: KindPrinter = {
  columns: [NAME, col("Type"), col("Data"), col("Age")],
  row(obj: KubeObject, now: number): Cell[] {
    // stringData is write-only: the API server merges it into data, so only data counts.
    const o = obj as Record<string, unknown>;
    return [obj.metadata.name, str(o.type), keyCount(o.data), age(obj, now)];
  },
};

export const serviceAccountPrinter: KindPrinter = {
  columns: [NAME, col("Secrets"), col("Age")],
  row(obj: KubeObject, now: number): Cell[] {
    return [obj.metadata.name, arr((obj as Record<string, unknown>).secrets).length, age(obj, now)];
  },
};

// mirrors printResourceQuota: "name: used/hard" for every hard limit, sorted by resource name;
// names starting with "limits." go to LIMIT, the rest to REQUEST.
export const resourceQuotaPrinter: KindPrinter = {
  columns: [NAME, col("Request"), col("Limit"), col("Age")],
  row(obj: KubeObject, now: number): Cell[] {
    const hard = rec(field(obj, "status", "hard"));
    const used = rec(field(obj, "status", "used"));
    const request: string[] = [];
    const limit: string[] = [];
    for (const name of Object.keys(hard).sort()) {
      const entry = `${name}: ${quantityString(used[name])}/${quantityString(hard[name])}`;
      const pieces = name.split(".");
      if (pieces.length > 1 && pieces[0] === "limits") limit.push(entry);
      else request.push(entry);
    }
    return [obj.metadata.name, request.join(", "), limit.join(", "), age(obj, now)];
  },
};

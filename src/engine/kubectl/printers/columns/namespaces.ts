// `kubectl get namespaces`: NAME STATUS AGE. mirrors printNamespace (k/k pkg/printers/internalversion/printers.go).
import type { KubeObject, Namespace } from "../../../api/types";
import { age, col, NAME, type Cell, type KindPrinter } from "./types";

export const namespacePrinter: KindPrinter = {
  columns: [NAME, col("Status"), col("Age")],
  row(obj: KubeObject, now: number): Cell[] {
    return [obj.metadata.name, (obj as Namespace).status?.phase ?? "", age(obj, now)];
  },
};

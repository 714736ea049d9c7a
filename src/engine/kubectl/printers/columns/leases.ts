// `kubectl get leases`: NAME HOLDER AGE. mirrors printLease (k/k pkg/printers/internalversion/printers.go).
import type { KubeObject, Lease } from "../../../api/types";
import { age, col, NAME, type Cell, type KindPrinter } from "./types";

export const leasePrinter: KindPrinter = {
  columns: [NAME, col("Holder"), col("Age")],
  row(obj: KubeObject, now: number): Cell[] {
    return [obj.metadata.name, (obj as Lease).spec?.holderIdentity ?? "", age(obj, now)];
  },
};

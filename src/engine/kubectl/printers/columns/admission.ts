// `kubectl get` for admission configuration: mutating/validating webhook configurations and
// validating admission policies and their bindings.
// mirrors printMutatingWebhook, printValidatingWebhook, printValidatingAdmissionPolicy,
// printValidatingAdmissionPolicyBinding (k/k pkg/printers/internalversion/printers.go).
import type { KubeObject } from "../../../api/types";
import { labelSelectorAsSelector } from "../../../apimachinery/labels";
import { age, arr, col, field, NAME, rec, str, type Cell, type KindPrinter } from "./types";

export const webhookConfigurationPrinter: KindPrinter = {
  columns: [NAME, col("Webhooks"), col("Age")],
  row(obj: KubeObject, now: number): Cell[] {
    return [obj.metadata.name, arr((obj as Record<string, unknown>).webhooks).length, age(obj, now)];
  },
};

export const validatingAdmissionPolicyPrinter: KindPrinter = {
  columns: [NAME, col("Validations"), col("ParamKind"), col("Age")],
  row(obj: KubeObject, now: number): Cell[] {
    const pk = field(obj, "spec", "paramKind");
    const paramKind = pk === undefined || pk === null ? "<unset>" : `${str(rec(pk).apiVersion)}/${str(rec(pk).kind)}`;
    return [obj.metadata.name, arr(field(obj, "spec", "validations")).length, paramKind, age(obj, now)];
  },
};

export const validatingAdmissionPolicyBindingPrinter: KindPrinter = {
  columns: [NAME, col("PolicyName"), col("ParamRef"), col("Age")],
  row(obj: KubeObject, now: number): Cell[] {
    let paramName = "<unset>";
    const pr = field(obj, "spec", "paramRef");
    if (pr !== undefined && pr !== null) {
      const ref = rec(pr);
      if (str(ref.name).length > 0) {
        // Can't tell from here if param is cluster-scoped, so all params without names get * namespace.
        paramName = str(ref.namespace) !== "" ? `${str(ref.namespace)}/${str(ref.name)}` : `*/${str(ref.name)}`;
      } else if (ref.selector !== undefined && ref.selector !== null) {
        try {
          paramName = labelSelectorAsSelector(ref.selector as never).toString();
        } catch {
          paramName = "<error>";
        }
      }
    }
    return [obj.metadata.name, str(field(obj, "spec", "policyName")), paramName, age(obj, now)];
  },
};

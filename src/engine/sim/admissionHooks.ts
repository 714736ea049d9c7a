// The kube-apiserver request pipeline of this cluster: upstream defaulting, the admission plugins we
// model (NamespaceLifecycle, ServiceAccount, TaintNodesByCondition, Priority, DefaultTolerationSeconds),
// and validation — each answered from the store, as the real plugins answer from informers.
import type { KubeObject } from "../api/types";
import type { ApiServerHooks } from "../apiserver/apiServer";
import type { Store } from "../apiserver/store";
import type { SeededRandom } from "./random";
import { applyDefaults } from "../apiserver/defaults";
import { admitInPlace } from "../apiserver/admission";
import type { AdmissionContext } from "../apiserver/admission/context";
import { validateCreate, validateUpdate } from "../apiserver/validation";

export function admissionHooks(store: Store, random: SeededRandom): ApiServerHooks {
  const ctx = (operation: "CREATE" | "UPDATE", old?: KubeObject): AdmissionContext => ({
    operation,
    oldObject: old,
    namespaceExists: (ns) => {
      const o = store.get("namespaces", `namespaces/${ns}`);
      if (!o) return undefined;
      return o.metadata.deletionTimestamp ? "Terminating" : "Active";
    },
    priorityClassValue: (name) => {
      const pc = store.get("priorityclasses", `priorityclasses/${name}`);
      return pc ? (pc.value as number) : undefined;
    },
    priorityClassPreemptionPolicy: (name) => store.get("priorityclasses", `priorityclasses/${name}`)?.preemptionPolicy as string | undefined,
    defaultPriorityClass: () => {
      let best: { name: string; value: number; preemptionPolicy?: string } | undefined;
      for (const pc of store.list("priorityclasses")) {
        if (pc.globalDefault !== true) continue;
        const value = pc.value as number;
        if (!best || value < best.value) best = { name: pc.metadata.name, value, preemptionPolicy: pc.preemptionPolicy as string | undefined };
      }
      return best;
    },
    random: random.fn,
  });
  return {
    defaults: (o) => applyDefaults(o),
    admit: (o, op, old) => admitInPlace(o, ctx(op, old)),
    validateCreate: (o) => validateCreate(o)?.error,
    validateUpdate: (o, old) => validateUpdate(o, old)?.error,
  };
}

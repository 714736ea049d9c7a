// The kube-apiserver request pipeline of this cluster: upstream defaulting, the admission plugins we
// model (NamespaceLifecycle, ServiceAccount, TaintNodesByCondition, Priority, DefaultTolerationSeconds),
// and validation — each answered from the store, as the real plugins answer from informers.
import type { KubeObject } from "../api/types";
import type { ApiServerHooks } from "../apiserver/apiServer";
import type { Store } from "../apiserver/store";
import type { SeededRandom } from "./random";
import { applyDefaultsInPlace } from "../apiserver/defaults";
import { admitInPlace, validatingAdmit } from "../apiserver/admission";
import { ApiError } from "../apiserver/errors";
import { deepCopy } from "./clone";
import type { AdmissionContext } from "../apiserver/admission/context";
import { validateCreate, validateUpdate } from "../apiserver/validation";
import { getDefaultClass } from "../controllers/volume/pvHelpers";
import type { StorageClass } from "../controllers/volume/types";

export function admissionHooks(store: Store, random: SeededRandom): ApiServerHooks {
  // The lookups are made once: building a dozen closures per request was a measurable share of every write.
  // The storage key of the last namespace asked about: nearly every request is in the same few namespaces,
  // and a key string built per request must be hashed again for each lookup.
  let lastNs: string | undefined;
  let lastNsKey = "";
  // Bumped by every PriorityClass write: the cached global default is recomputed after one.
  let pcRevision = 0;
  store.onEvent((e) => {
    if (e.resource === "priorityclasses") pcRevision++;
  });
  let defaultPcRevision = -1;
  let defaultPc: { name: string; value: number; preemptionPolicy?: string } | undefined;
  const lookups: Omit<AdmissionContext, "operation" | "oldObject"> = {
    namespaceExists: (ns) => {
      if (ns !== lastNs) {
        lastNs = ns;
        lastNsKey = `namespaces/${ns}`;
      }
      const o = store.get("namespaces", lastNsKey);
      if (!o) return undefined;
      return o.metadata.deletionTimestamp ? "Terminating" : "Active";
    },
    priorityClassValue: (name) => {
      const pc = store.get("priorityclasses", `priorityclasses/${name}`);
      return pc ? (pc.value as number) : undefined;
    },
    priorityClassPreemptionPolicy: (name) => store.get("priorityclasses", `priorityclasses/${name}`)?.preemptionPolicy as string | undefined,
    defaultPriorityClass: () => {
      // Every pod without a priorityClassName asks: the answer is kept until a PriorityClass changes.
      if (defaultPcRevision === pcRevision) return defaultPc;
      let best: { name: string; value: number; preemptionPolicy?: string } | undefined;
      for (const pc of store.list("priorityclasses")) {
        if (pc.globalDefault !== true) continue;
        const value = pc.value as number;
        if (!best || value < best.value) best = { name: pc.metadata.name, value, preemptionPolicy: pc.preemptionPolicy as string | undefined };
      }
      defaultPcRevision = pcRevision;
      defaultPc = best && Object.freeze(best);
      return defaultPc;
    },
    random: random.fn,
    defaultStorageClass: () => getDefaultClass(store.list("storageclasses") as StorageClass[])?.metadata.name,
    limitRanges: (ns) => store.list("limitranges", ns),
    resourceQuotas: (ns) => store.list("resourcequotas", ns),
    // The quota admission's charge is the API server writing the quota itself (a loopback update).
    updateQuotaStatus: (q) => {
      store.put("resourcequotas", `resourcequotas/${q.metadata.namespace}/${q.metadata.name}`, deepCopy(q));
    },
  };
  // A context per request inherits the lookups from one prototype: spreading a dozen members into a fresh
  // object for each of the ~12 writes a pod costs was a measurable share of every write.
  const ctx = (operation: "CREATE" | "UPDATE", old?: KubeObject): AdmissionContext => {
    const c = Object.create(lookups) as AdmissionContext;
    c.operation = operation;
    c.oldObject = old;
    return c;
  };
  // Validating admission (LimitRanger, ResourceQuota) runs after object validation, as in the
  // generic registry's create/update path.
  const validating = (o: KubeObject, op: "CREATE" | "UPDATE", old?: KubeObject): ApiError | undefined => {
    try {
      validatingAdmit(o, ctx(op, old));
      return undefined;
    } catch (e) {
      if (e instanceof ApiError) return e;
      throw e;
    }
  };
  return {
    // The API server hands its own request copy to the hooks: default it in place.
    defaults: (o) => applyDefaultsInPlace(o),
    admit: (o, op, old) => admitInPlace(o, ctx(op, old)),
    validateCreate: (o) => validateCreate(o)?.error ?? validating(o, "CREATE"),
    validateUpdate: (o, old) => validateUpdate(o, old)?.error ?? validating(o, "UPDATE", old),
  };
}

// Informer indexes shared by the network models (kube-proxy, cluster DNS, traffic), registered once per
// SharedInformers so the models do not each keep a copy.
import type { EndpointSlice } from "../controllers/endpointslice/types";
import { LABEL_SERVICE_NAME } from "../controllers/endpointslice/types";
import type { Informer } from "../client/informer";

/** EndpointSlices by their Service ("namespace/name", from the kubernetes.io/service-name label). */
export const SLICES_BY_SERVICE = "network:slicesByService";

export function indexSlicesByService(slices: Informer<EndpointSlice>): void {
  slices.addIndexer(SLICES_BY_SERVICE, (s) => {
    const svc = s.metadata.labels?.[LABEL_SERVICE_NAME];
    return svc ? [`${s.metadata.namespace}/${svc}`] : [];
  });
}

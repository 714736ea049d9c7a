// Test-only: kind's default storage on a simulated cluster. `kind create cluster` applies the
// local-path-storage manifest (installstorage action); a Cluster whose boot already created the class is
// left as it is. Nothing in the engine imports this file.
import { ApiClient } from "../../../client/apiClient";
import type { Cluster } from "../../../sim/cluster";
import { defaultStorageClass } from "../../../sim/bootstrap";

export function ensureKindStorage(c: Cluster): void {
  if (c.store.get("storageclasses", "storageclasses/standard")) return;
  new ApiClient(c.api, "kind").create(defaultStorageClass());
}

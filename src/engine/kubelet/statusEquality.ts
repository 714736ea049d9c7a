// The status manager's "did anything change" test: a freshly generated pod status against the one last
// posted, ignoring condition timestamps. Upstream's counterpart is isPodStatusByKubeletEqual
// (pkg/kubelet/status/status_manager.go), which also compares condition messages; this simulation's
// status manager compares conditions by type, status and reason only.
import type { PodStatus } from "../api/types";
import { jsonEqual } from "../apiserver/strategy";

/**
 * Whether two pod statuses are equal as JSON once condition timestamps and messages are left out
 * (conditions compared by type, status and reason, in order). The status manager asks this for every
 * dirty pod: it compares in place rather than building stripped copies of both.
 */
export function statusEqualIgnoringTimes(a: PodStatus, b: PodStatus): boolean {
  const ca = a.conditions ?? [];
  const cb = b.conditions ?? [];
  if (ca.length !== cb.length) return false;
  for (let i = 0; i < ca.length; i++) {
    const x = ca[i]!;
    const y = cb[i]!;
    if (!jsonEqual(x.type, y.type) || !jsonEqual(x.status, y.status) || !jsonEqual(x.reason, y.reason)) return false;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let na = 0;
  for (const k in ao) {
    if (k === "conditions" || ao[k] === undefined) continue;
    na++;
    if (!jsonEqual(ao[k], bo[k])) return false;
  }
  let nb = 0;
  for (const k in bo) if (k !== "conditions" && bo[k] !== undefined) nb++;
  return na === nb;
}

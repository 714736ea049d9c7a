// "Why this node?" / "why Pending?": the scheduler's last DecisionRecord for a pod, as the plain-data
// table the inspector draws — per evaluated node, each Filter plugin's verdict ("" passed, else the
// reason), and for feasible nodes each Score plugin's weighted score and the total.
import { explainNode } from "../scheduler/decision";
import type { DecisionRecord } from "../scheduler/kubeScheduler";
import type { SchedulingExplanation } from "../protocol";

type NodeRow = SchedulingExplanation["nodes"][number];

export function schedulingExplanation(record: DecisionRecord): SchedulingExplanation {
  const out: { -readonly [K in keyof SchedulingExplanation]: SchedulingExplanation[K] } = { pod: record.pod, t: record.t, nodes: [] };
  if (record.nodeName) out.nodeName = record.nodeName;
  if (record.message) out.message = record.message;
  const d = record.decision;
  if (!d) return out;
  const rows: NodeRow[] = [];
  for (const node of d.nodes) {
    const x = explainNode(d, node);
    const filters: Record<string, string> = {};
    for (const f of x.filters) {
      // Skipped (PreFilter said Skip) and not-run plugins had no say on this node.
      if (f.verdict === "passed") filters[f.plugin] = "";
      else if (f.verdict === "rejected") filters[f.plugin] = (f.reasons ?? []).join(", ") || "rejected";
    }
    const row: { -readonly [K in keyof NodeRow]: NodeRow[K] } = { node, filters };
    if (x.scores) {
      const scores: Record<string, number> = {};
      for (const s of x.scores) scores[s.plugin] = s.score;
      row.scores = scores;
      if (x.total !== undefined) row.total = x.total;
    }
    rows.push(row);
  }
  out.nodes = rows;
  if (!out.message && d.preFilterStatus) out.message = d.preFilterStatus.reasons?.join(", ");
  return out;
}

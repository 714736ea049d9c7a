// Pod failure policy: which failed pods fail the Job at once, fail only their index, are ignored (not
// counted against backoffLimit) or are counted as usual. Rules are checked in order; the first match wins.
// mirrors pkg/controller/job/pod_failure_policy.go
import type { ContainerStatus, Pod, PodCondition } from "../../api/types";
import type { JobSpec, PodFailurePolicyAction, PodFailurePolicyRule } from "./jobTypes";

export interface PodFailurePolicyMatch {
  /** Present when a FailJob rule matched: the Job's failure message. */
  jobFailureMessage?: string;
  /** False when an Ignore rule matched: the failure does not count towards backoffLimit(PerIndex). */
  countFailed: boolean;
  action?: PodFailurePolicyAction;
}

const NO_MATCH: PodFailurePolicyMatch = { countFailed: true };

// mirrors matchPodFailurePolicy
export function matchPodFailurePolicy(policy: JobSpec["podFailurePolicy"], failedPod: Pod): PodFailurePolicyMatch {
  if (!policy) return NO_MATCH;
  const rules = policy.rules ?? [];
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index]!;
    if (rule.onExitCodes) {
      const cs = matchOnExitCodes(failedPod, rule.onExitCodes);
      if (!cs) continue;
      const m = actionResult(rule, () => {
        const code = cs.state.terminated!.exitCode;
        return `Container ${cs.name} for pod ${failedPod.metadata.namespace}/${failedPod.metadata.name} failed with exit code ${code} matching ${rule.action} rule at index ${index}`;
      });
      if (m) return m;
    } else if (rule.onPodConditions) {
      const cond = matchOnPodConditions(failedPod, rule.onPodConditions);
      if (!cond) continue;
      const m = actionResult(rule, () => `Pod ${failedPod.metadata.namespace}/${failedPod.metadata.name} has condition ${cond.type} matching ${rule.action} rule at index ${index}`);
      if (m) return m;
    }
  }
  return NO_MATCH;
}

/** The outcome of a matched rule; an unknown action falls through to the next rule, as Go's switch does. */
function actionResult(rule: PodFailurePolicyRule, message: () => string): PodFailurePolicyMatch | undefined {
  switch (rule.action) {
    case "Ignore":
      return { countFailed: false, action: "Ignore" };
    case "FailIndex":
      return { countFailed: true, action: "FailIndex" };
    case "Count":
      return { countFailed: true, action: "Count" };
    case "FailJob":
      return { jobFailureMessage: message(), countFailed: true, action: "FailJob" };
    default:
      return undefined;
  }
}

// mirrors matchOnExitCodes: containers first, then init containers.
function matchOnExitCodes(pod: Pod, req: NonNullable<PodFailurePolicyRule["onExitCodes"]>): ContainerStatus | undefined {
  return matchingContainer(pod.status?.containerStatuses, req) ?? matchingContainer(pod.status?.initContainerStatuses, req);
}

// mirrors getMatchingContainerFromList: only terminated containers with a non-zero exit code qualify.
function matchingContainer(list: ContainerStatus[] | undefined, req: NonNullable<PodFailurePolicyRule["onExitCodes"]>): ContainerStatus | undefined {
  for (const cs of list ?? []) {
    const t = cs.state?.terminated;
    if (!t) continue;
    if (req.containerName != null && req.containerName !== cs.name) continue;
    if (t.exitCode !== 0 && exitCodeMatches(t.exitCode, req)) return cs;
  }
  return undefined;
}

// mirrors isOnExitCodesOperatorMatching
function exitCodeMatches(code: number, req: NonNullable<PodFailurePolicyRule["onExitCodes"]>): boolean {
  const values = req.values ?? [];
  if (req.operator === "In") return values.includes(code);
  if (req.operator === "NotIn") return !values.includes(code);
  return false;
}

// mirrors matchOnPodConditions: pod conditions in order, each against every pattern (status defaults True).
function matchOnPodConditions(pod: Pod, patterns: NonNullable<PodFailurePolicyRule["onPodConditions"]>): PodCondition | undefined {
  for (const c of pod.status?.conditions ?? []) {
    for (const p of patterns) if (c.type === p.type && c.status === (p.status ?? "True")) return c;
  }
  return undefined;
}

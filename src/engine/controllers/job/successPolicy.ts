// Success policy of Indexed Jobs: the Job succeeds early once the listed indexes (or enough of them) have
// succeeded. mirrors pkg/controller/job/success_policy.go (JobSuccessPolicy, GA in v1.33).
import type { JobSpec } from "./jobTypes";
import { parseIndexesFromString, totalOf, type OrderedIntervals } from "./orderedIntervals";

/** The SuccessCriteriaMet message ("Matched rules at index 0") when a rule is met. */
// mirrors matchSuccessPolicy
export function matchSuccessPolicy(policy: JobSpec["successPolicy"], completions: number, succeeded: OrderedIntervals): string | undefined {
  if (!policy || succeeded.length === 0) return undefined;
  const rules = policy.rules ?? [];
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index]!;
    if (rule.succeededIndexes != null) {
      const required = parseIndexesFromString(rule.succeededIndexes, completions);
      if (required.length === 0) continue;
      if (matchSucceededIndexesRule(required, succeeded, rule.succeededCount)) return `Matched rules at index ${index}`;
    } else if (rule.succeededCount != null && totalOf(succeeded) >= rule.succeededCount) {
      return `Matched rules at index ${index}`;
    }
  }
  return undefined;
}

// mirrors matchSucceededIndexesRule: counts the overlap of two interval lists in one pass.
export function matchSucceededIndexesRule(rule: OrderedIntervals, succeeded: OrderedIntervals, succeededCount: number | undefined): boolean {
  let contains = 0;
  let s = 0;
  let r = 0;
  while (r < rule.length && s < succeeded.length) {
    const overlap = Math.min(rule[r]!.last, succeeded[s]!.last) - Math.max(rule[r]!.first, succeeded[s]!.first) + 1;
    if (overlap > 0) contains += overlap;
    if (succeeded[s]!.last < rule[r]!.last) s++;
    else if (succeeded[s]!.last > rule[r]!.last) r++;
    else {
      s++;
      r++;
    }
  }
  return contains === totalOf(rule) || (succeededCount != null && contains >= succeededCount);
}

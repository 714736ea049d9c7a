// DefaultNormalizeScore scales scores to [0, maxPriority] relative to the highest one, optionally reversed.
// Mirrors helper.DefaultNormalizeScore (pkg/scheduler/framework/plugins/helper/normalize_score.go).

/** Integer division truncating toward zero, as Go's int64 `/`. */
export function idiv(a: number, b: number): number {
  return Math.trunc(a / b);
}

export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: number[] | Float64Array): void {
  let maxCount = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i]! > maxCount) maxCount = scores[i]!;
  if (maxCount === 0) {
    if (reverse) for (let i = 0; i < scores.length; i++) scores[i] = maxPriority;
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    let s = idiv(maxPriority * scores[i]!, maxCount);
    if (reverse) s = maxPriority - s;
    scores[i] = s;
  }
}

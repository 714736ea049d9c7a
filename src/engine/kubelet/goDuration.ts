// Go's time.Duration.String() for millisecond-truncated durations, as the kubelet prints them in events
// ("Successfully pulled image \"nginx\" in 3.743s (3.743s including waiting)"): 890ms, 5.969s, 1m2.5s.

export function goDuration(ms: number): string {
  ms = Math.max(0, Math.floor(ms));
  if (ms === 0) return "0s";
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const sMs = ms % 60_000;
  const secs = `${Math.floor(sMs / 1000)}${sMs % 1000 ? `.${String(sMs % 1000).padStart(3, "0").replace(/0+$/, "")}` : ""}s`;
  if (h > 0) return `${h}h${m}m${secs}`;
  if (m > 0) return `${m}m${secs}`;
  return secs;
}

// How the header prints the simulated clock: time since the cluster's epoch as H:MM:SS (with days once
// past 24 h), the way an uptime reads. The RFC 3339 wall time goes in the tooltip.

export function formatSimClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const hms = `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
  return days > 0 ? `${days}d ${hms}` : hms;
}

/** "0.5×", "1×", "100×". */
export function formatSpeed(speed: number): string {
  return `${speed}×`;
}

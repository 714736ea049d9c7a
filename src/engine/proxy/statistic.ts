// How kube-proxy's iptables rules spread connections over n endpoints: rule i (0-based) of the KUBE-SVC
// chain jumps to endpoint i with `-m statistic --mode random --probability 1/(n-i)` (printed %0.10f),
// and the last rule always matches. Every endpoint therefore gets 1/n of new connections.
// mirrors the endpoint loop of writeServiceToEndpointRules and computeProbability
// (k/k pkg/proxy/iptables/proxier.go).
//
// For aggregate traffic the same chain is applied to a count instead of one connection: rule i takes
// Binomial(remaining, 1/(n-i)) of the connections still walking the chain. That is exactly the
// distribution of sending each connection through the chain, at O(n) cost instead of O(requests).

export type Uniform = () => number;

// mirrors computeProbability: fmt.Sprintf("%0.10f", 1.0/float64(n)).
export function computeProbability(n: number): string {
  return (1 / n).toFixed(10);
}

/** One connection through the chain: the index of the endpoint it lands on. */
export function pickStatistic(n: number, random: Uniform): number {
  for (let i = 0; i < n - 1; i++) if (random() < 1 / (n - i)) return i;
  return n - 1;
}

/** A standard normal deviate (Box–Muller; one of the pair is discarded to stay stateless). */
function normal(random: Uniform): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Binomial(n, p) from uniform draws. Small n: one Bernoulli draw per trial. Small mean: inversion of the
 * CDF (BINV). Large n·p·(1−p): the normal approximation with continuity correction, clamped to [0, n].
 */
export function binomial(n: number, p: number, random: Uniform): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (n <= 16) {
    let k = 0;
    for (let i = 0; i < n; i++) if (random() < p) k++;
    return k;
  }
  const q = 1 - p;
  if (n * p * q >= 9) {
    const x = Math.round(n * p + Math.sqrt(n * p * q) * normal(random));
    return x < 0 ? 0 : x > n ? n : x;
  }
  // BINV: walk the CDF from 0 (expected steps ≈ n·p + 1).
  const flip = p > 0.5;
  const pp = flip ? q : p;
  const qq = 1 - pp;
  const s = pp / qq;
  const a = (n + 1) * s;
  let r = Math.pow(qq, n);
  let u = random();
  let x = 0;
  while (u > r && x < n) {
    u -= r;
    x++;
    r *= a / x - s;
  }
  return flip ? n - x : x;
}

/**
 * Spreads `count` connections over `n` endpoints through the statistic chain, writing the share of
 * endpoint i into out[i]. When there are fewer connections than endpoints each one walks the chain on its
 * own (cheaper than n binomial draws, and the same distribution).
 */
export function splitStatistic(count: number, n: number, random: Uniform, out: Int32Array | number[]): void {
  for (let i = 0; i < n; i++) out[i] = 0;
  if (count <= 0 || n <= 0) return;
  if (n === 1) {
    out[0] = count;
    return;
  }
  if (count < n) {
    for (let c = 0; c < count; c++) {
      const i = Math.min(n - 1, Math.floor(random() * n));
      out[i] = (out[i] as number) + 1;
    }
    return;
  }
  let remaining = count;
  for (let i = 0; i < n - 1 && remaining > 0; i++) {
    const k = binomial(remaining, 1 / (n - i), random);
    out[i] = k;
    remaining -= k;
  }
  out[n - 1] = (out[n - 1] as number) + remaining;
}

// π to N significant digits, for the Job example `perl -Mbignum=bpi -wle 'print bpi(2000)'`: its log is the
// real number, computed exactly with BigInt (Machin: π = 16·atan(1/5) − 4·atan(1/239)) and rounded like
// Math::BigFloat (round half to even), then cached.

const cache = new Map<number, string>();

function arctanInverse(x: bigint, scale: bigint): bigint {
  // atan(1/x)·scale = Σ (−1)^k · scale / ((2k+1)·x^(2k+1))
  let sum = 0n;
  let power = scale / x;
  const x2 = x * x;
  for (let k = 0n; power !== 0n; k++) {
    const term = power / (2n * k + 1n);
    sum += k % 2n === 0n ? term : -term;
    power /= x2;
  }
  return sum;
}

/** π with `digits` significant digits ("3.14" for 3), as Math::BigFloat's bpi prints it. */
export function piDigits(digits: number): string {
  const n = Math.max(1, Math.min(Math.floor(digits), 20_000));
  const cached = cache.get(n);
  if (cached !== undefined) return cached;
  const guard = 10;
  const scale = 10n ** BigInt(n - 1 + guard);
  const pi = 16n * arctanInverse(5n, scale) - 4n * arctanInverse(239n, scale);
  const unit = 10n ** BigInt(guard);
  let kept = pi / unit;
  const rest = pi % unit;
  const half = unit / 2n;
  if (rest > half || (rest === half && kept % 2n === 1n)) kept += 1n;
  const s = kept.toString();
  const out = n === 1 ? s : `${s.slice(0, 1)}.${s.slice(1)}`;
  cache.set(n, out);
  return out;
}

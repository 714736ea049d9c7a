// SeededRandom is the engine's only source of randomness (generateName suffixes, scheduler tie-breaks,
// image-pull jitter). sfc32 seeded through splitmix32: fast, 32-bit, and identical on every JS engine.

export class SeededRandom {
  // The four 32-bit words of sfc32's state. Unsigned values above 2^30 do not fit a small integer, so as
  // plain number fields every next() would box fresh heap numbers; a typed array holds them unboxed.
  private readonly s = new Uint32Array(4);

  constructor(seed: number) {
    this.reseed(seed);
  }

  /** Restarts the sequence from `seed` (`sim seed N`). */
  reseed(seed: number): void {
    let s = seed >>> 0;
    const next = (): number => {
      // splitmix32
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    const st = this.s;
    st[0] = next();
    st[1] = next();
    st[2] = next();
    st[3] = next();
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const st = this.s;
    const a = st[0]!;
    const b = st[1]!;
    const c = st[2]!;
    const d = st[3]!;
    const t = (((a + b) >>> 0) + d) >>> 0;
    st[3] = d + 1;
    st[0] = b ^ (b >>> 9);
    st[1] = c + (c << 3);
    st[2] = (((c << 21) | (c >>> 11)) >>> 0) + t;
    return t / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A bound `() => number` for libraries that take a random function. */
  readonly fn = (): number => this.next();
}

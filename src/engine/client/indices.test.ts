// Indices must answer exactly as one independent index per name would (the plain client-go layout):
// same keys under every value, in the same order — whatever sharing and splitting happen inside.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Indices, type Bucket, type IndexFunc } from "./indices";

interface Obj {
  ns: string;
  owner?: string;
  labels: string[];
  node?: string;
}

/** The reference: one map per index, every update recomputing old and new values (the layout before). */
class Reference {
  readonly idx = new Map<string, Map<string, string[]>>();
  private readonly fns = new Map<string, IndexFunc<Obj>>();
  add(name: string, fn: IndexFunc<Obj>, items: ReadonlyMap<string, Obj>): void {
    const m = new Map<string, string[]>();
    this.fns.set(name, fn);
    this.idx.set(name, m);
    for (const [k, o] of items) for (const v of fn(o)) addKey(m, v, k);
  }
  update(key: string, old: Obj | undefined, next: Obj | undefined): void {
    for (const [name, fn] of this.fns) {
      const m = this.idx.get(name)!;
      const was = old ? fn(old) : [];
      const now = next ? fn(next) : [];
      if (old && next && was.length === now.length && was.every((v, i) => v === now[i])) continue;
      for (const v of was) {
        const b = m.get(v);
        if (!b) continue;
        const i = b.indexOf(key);
        if (i >= 0) b.splice(i, 1);
        if (b.length === 0) m.delete(v);
      }
      for (const v of now) addKey(m, v, key);
    }
  }
}

function addKey(m: Map<string, string[]>, v: string, key: string): void {
  const b = m.get(v) ?? [];
  if (!b.includes(key)) b.push(key);
  m.set(v, b);
}

const asList = (b: Bucket | undefined): string[] => (b === undefined ? [] : typeof b === "string" ? [b] : [...b]);

const FNS: [string, IndexFunc<Obj>][] = [
  ["labels", (o) => o.labels.map((l) => `${o.ns}/${l}`)],
  ["namespace", (o) => [o.ns]],
  ["controllerUID", (o) => [o.owner ?? `orphan/${o.ns}`]],
  ["claimable", (o) => [o.owner ?? `orphan/${o.ns}`]],
  ["deployment/controllerUID", (o) => (o.owner ? [o.owner] : [])],
  ["job/controllerUID", (o) => (o.owner ? [o.owner] : [])],
  ["ownerUID", (o) => (o.owner ? [o.owner, ...(o.labels.includes("x") ? ["extra"] : [])] : [])],
  ["node", (o) => (o.node ? [o.node] : [])],
];

const objArb: fc.Arbitrary<Obj> = fc.record({
  ns: fc.constantFrom("default", "kube-system"),
  owner: fc.option(fc.constantFrom("rs-1", "rs-2", "ds-1"), { nil: undefined }),
  labels: fc.subarray(["app=web", "tier=fe", "x"]),
  node: fc.option(fc.constantFrom("n1", "n2"), { nil: undefined }),
});
const opArb = fc.tuple(fc.constantFrom("a", "b", "c", "d", "e"), fc.option(objArb, { nil: undefined }));

describe("Indices", () => {
  it("answers like one independent index per name under any sequence of adds, updates and deletes", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), fc.integer({ min: 0, max: FNS.length }), fc.integer({ min: 0, max: 40 }), (ops, lateFrom, lateAt) => {
        const ref = new Reference();
        const ix = new Indices<Obj>();
        const items = new Map<string, Obj>();
        // Some indexes are registered before any object, the rest once `lateAt` operations have run.
        const register = (from: number, to: number) => {
          for (const [name, fn] of FNS.slice(from, to)) {
            ix.add(name, fn, items);
            ref.add(name, fn, items);
          }
        };
        register(0, lateFrom);
        ops.forEach(([key, next], step) => {
          if (step === lateAt) register(lateFrom, FNS.length);
          const old = items.get(key);
          if (next) items.set(key, next);
          else items.delete(key);
          if (old || next) {
            ix.update(key, old, next);
            ref.update(key, old, next);
          }
        });
        if (lateAt >= ops.length) register(lateFrom, FNS.length);
        for (const [name, fn] of FNS) {
          const want = ref.idx.get(name)!;
          for (const [v, keys] of want) expect(asList(ix.bucket(name, v)), `${name} ${v}`).toEqual(keys);
          // Nothing under the other values the objects (or the generators) could produce.
          for (const o of items.values()) for (const v of fn(o)) expect(want.has(v)).toBe(true);
          for (const v of ["orphan/default", "orphan/kube-system", "rs-1", "rs-2", "ds-1", "extra", "n1", "n2", "default", "kube-system"]) {
            if (!want.has(v)) expect(ix.bucket(name, v), `${name} ${v}`).toBeUndefined();
          }
        }
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it("keeps agreeing indexes in one store and splits one off at its first disagreement", () => {
    const ix = new Indices<Obj>();
    const items = new Map<string, Obj>();
    for (const [name, fn] of FNS) ix.add(name, fn, items);
    const a: Obj = { ns: "default", owner: "rs-1", labels: [] };
    ix.update("default/a", undefined, a);
    expect(asList(ix.bucket("controllerUID", "rs-1"))).toEqual(["default/a"]);
    expect(asList(ix.bucket("claimable", "rs-1"))).toEqual(["default/a"]);
    const orphan: Obj = { ns: "default", labels: [] };
    ix.update("default/o", undefined, orphan);
    expect(asList(ix.bucket("claimable", "orphan/default"))).toEqual(["default/o"]);
    expect(asList(ix.bucket("deployment/controllerUID", "orphan/default"))).toEqual([]);
    expect(asList(ix.bucket("deployment/controllerUID", "rs-1"))).toEqual(["default/a"]);
    ix.update("default/a", a, undefined);
    expect(ix.bucket("controllerUID", "rs-1")).toBeUndefined();
    expect(ix.bucket("job/controllerUID", "rs-1")).toBeUndefined();
  });
});

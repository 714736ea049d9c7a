import { describe, expect, it } from "vitest";
import { TabWriter, TabWriterFlags } from "./tabwriter";

// Cases from Go's src/text/tabwriter/tabwriter_test.go (the ones without escapes, HTML filtering,
// right alignment, tab padding or Debug, which kubectl never uses). Like upstream's check(), each case
// is written all at once, byte by byte and in growing slices.
const cases: [string, number, number, number, string, number, string, string][] = [
  ["2", 8, 0, 1, ".", 0, "\n\n\n", "\n\n\n"],
  ["3", 8, 0, 1, ".", 0, "a\nb\nc", "a\nb\nc"],
  ["4a", 8, 0, 1, ".", 0, "\t", ""],
  ["5", 8, 0, 1, ".", 0, "*\t*", "*.......*"],
  ["5b", 8, 0, 1, ".", 0, "*\t*\n", "*.......*\n"],
  ["5c", 8, 0, 1, ".", 0, "*\t*\t", "*.......*"],
  ["6", 8, 0, 1, ".", 0, "\t\n", "........\n"],
  ["7a", 8, 0, 1, ".", 0, "a) foo", "a) foo"],
  ["7b", 8, 0, 1, " ", 0, "b) foo\tbar", "b) foo  bar"],
  ["7c", 8, 0, 1, ".", 0, "c) foo\tbar\t", "c) foo..bar"],
  ["7d", 8, 0, 1, ".", 0, "d) foo\tbar\n", "d) foo..bar\n"],
  ["7e", 8, 0, 1, ".", 0, "e) foo\tbar\t\n", "e) foo..bar.....\n"],
  ["8", 8, 0, 1, "*", 0, "Hello, world!\n", "Hello, world!\n"],
  ["9a", 1, 0, 0, ".", 0, "1\t2\t3\t4\n11\t222\t3333\t44444\n", "1.2..3...4\n11222333344444\n"],
  ["9c", 1, 0, 0, ".", 0, "1\t2\t3\t4\f11\t222\t3333\t44444\n", "1234\n11222333344444\n"],
  ["10a", 5, 0, 0, ".", 0, "1\t2\t3\t4\n", "1....2....3....4\n"],
  ["10b", 5, 0, 0, ".", 0, "1\t2\t3\t4\t\n", "1....2....3....4....\n"],
  [
    "11", 8, 0, 1, ".", 0,
    "本\tb\tc\naa\t本本本\tcccc\tddddd\naaa\tbbbb\n",
    "本.......b.......c\naa......本本本.....cccc....ddddd\naaa.....bbbb\n",
  ],
  ["12b", 2, 0, 0, " ", 0, "a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n", "a  b  c\naa bbbcccc\naaabbbb\n"],
  [
    "12c", 8, 0, 1, "_", 0,
    "a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n",
    "a_______b_______c\naa______bbb_____cccc\naaa_____bbbb\n",
  ],
  [
    "13a", 4, 0, 1, "-", 0,
    "4444\t日本語\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n",
    "4444------日本語-22--1---333\n999999999-22\n7---------22\n------------------88888888\n\n666666-666666-666666----4444\n1------1------999999999-0000000000\n",
  ],
  [
    "13b", 4, 0, 3, ".", 0,
    "4444\t333\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n",
    "4444........333...22...1...333\n999999999...22\n7...........22\n....................88888888\n\n666666...666666...666666......4444\n1........1........999999999...0000000000\n",
  ],
  ["15a", 4, 0, 0, ".", 0, "a\t\tb", "a.......b"],
  ["15b", 4, 0, 0, ".", TabWriterFlags.DiscardEmptyColumns, "a\t\tb", "a.......b"],
  ["15c", 4, 0, 0, ".", TabWriterFlags.DiscardEmptyColumns, "a\v\vb", "a...b"],
];

function run(minwidth: number, tabwidth: number, padding: number, padchar: string, flags: number, chunks: string[]): string {
  const w = new TabWriter(minwidth, tabwidth, padding, padchar, flags);
  for (const c of chunks) w.write(c);
  return w.toString();
}

describe("TabWriter (Go text/tabwriter tests)", () => {
  for (const [name, minwidth, tabwidth, padding, padchar, flags, src, expected] of cases) {
    it(`${name}: written all at once`, () => {
      expect(run(minwidth, tabwidth, padding, padchar, flags, [src])).toBe(expected);
    });
    it(`${name}: written byte by byte`, () => {
      expect(run(minwidth, tabwidth, padding, padchar, flags, [...src])).toBe(expected);
    });
    it(`${name}: written in fibonacci slices`, () => {
      const chunks: string[] = [];
      for (let i = 0, d = 0; i < src.length; ) {
        chunks.push(src.slice(i, i + d));
        i += d;
        d++;
        if (i + d > src.length) d = src.length - i;
      }
      expect(run(minwidth, tabwidth, padding, padchar, flags, chunks)).toBe(expected);
    });
  }

  it("writeRow gives the same result as write", () => {
    const a = new TabWriter(6, 4, 3, " ", TabWriterFlags.RememberWidths);
    a.write("NAME\tREADY\tAGE\nnginx\t1/1\t5s\n");
    const b = new TabWriter(6, 4, 3, " ", TabWriterFlags.RememberWidths);
    b.writeRow(["NAME", "READY", "AGE"]);
    b.writeRow(["nginx", "1/1", "5s"]);
    expect(b.toString()).toBe(a.toString());
  });

  it("RememberWidths keeps a column as wide as it has ever been across flushes", () => {
    const w = new TabWriter(0, 4, 1, ".", TabWriterFlags.RememberWidths);
    w.write("aaaa\tb\n");
    w.flush();
    w.write("a\tb\n");
    expect(w.toString()).toBe("aaaa.b\na....b\n");
  });
});

import { describe, it, expect } from "vitest";
import {
  addQuantity,
  compareQuantity,
  milliValue,
  newMilliQuantity,
  newQuantity,
  newScaledQuantity,
  parseBytes,
  parseCpuMillis,
  parseQuantity,
  QuantityError,
  QuantityErrors,
  quantityToString,
  roundUpQuantity,
  Scale,
  scaledValue,
  subQuantity,
  value,
  type Quantity,
  type QuantityFormat,
} from "./quantity";

// Helper in the spirit of upstream's decQuantity(i, exponent, format).
const dec = (i: number | bigint, exponent: number, format: QuantityFormat): Quantity => ({
  unscaled: BigInt(i),
  scale: exponent,
  format,
});

describe("parseQuantity (upstream TestQuantityParse)", () => {
  const table: [string, Quantity][] = [
    ["0", dec(0, 0, "DecimalSI")],
    ["0m", dec(0, 0, "DecimalSI")],
    ["0Ki", dec(0, 0, "BinarySI")],
    ["0Gi", dec(0, 0, "BinarySI")],
    ["1", dec(1, 0, "DecimalSI")],
    ["1Ki", dec(1024, 0, "BinarySI")],
    ["7Mi", dec(7 * 1024 * 1024, 0, "BinarySI")],
    ["6Gi", dec(6 * 1024 ** 3, 0, "BinarySI")],
    ["3Ei", dec(3n * 1024n ** 6n, 0, "BinarySI")],
    ["5n", dec(5, -9, "DecimalSI")],
    ["4u", dec(4, -6, "DecimalSI")],
    ["3m", dec(3, -3, "DecimalSI")],
    ["50k", dec(5, 4, "DecimalSI")],
    ["300T", dec(3, 14, "DecimalSI")],
    ["1E", dec(1, 18, "DecimalSI")],
    ["1E-3", dec(1, -3, "DecimalExponent")],
    ["1e3", dec(1, 3, "DecimalExponent")],
    ["1E18", dec(1, 18, "DecimalExponent")],
    ["100.035k", dec(100035, 0, "DecimalSI")],
    ["0.001", dec(1, -3, "DecimalSI")],
    ["0.0005k", dec(5, -1, "DecimalSI")],
    ["0.5e-2", dec(5, -3, "DecimalExponent")],
    ["1.3E+6", dec(13, 5, "DecimalExponent")],
    ["1.7E18", dec(17, 17, "DecimalExponent")],
    ["7.123456M", dec(7123456, 0, "DecimalSI")],
    ["1.01E", dec(101, 16, "DecimalSI")],
    // Things that saturate/round
    ["3.001n", dec(4, -9, "DecimalSI")],
    ["1.1E-9", dec(2, -9, "DecimalExponent")],
    ["0.0000000001", dec(1, -9, "DecimalSI")],
    ["0.9n", dec(1, -9, "DecimalSI")],
    ["0.00000012345", dec(124, -9, "DecimalSI")],
    ["9Ei", dec((1n << 63n) - 1n, 0, "BinarySI")],
    ["9223372036854775807Ki", dec((1n << 63n) - 1n, 0, "BinarySI")],
    ["12E", dec(12, 18, "DecimalSI")],
    // Fractional binary
    ["100.035Ki", dec(10243584, -2, "BinarySI")],
    ["0.5Mi", dec(0.5 * 1024 * 1024, 0, "BinarySI")],
    ["0.025Ti", dec(274877906944, -1, "BinarySI")],
    // "Things written by trolls"
    ["0.000000000001Ki", dec(2, -9, "DecimalSI")],
    [".001", dec(1, -3, "DecimalSI")],
    [".0001k", dec(100, -3, "DecimalSI")],
    ["1.", dec(1, 0, "DecimalSI")],
    ["1.G", dec(1, 9, "DecimalSI")],
  ];
  for (const [input, expected] of table) {
    it(`parses ${input}`, () => {
      const got = parseQuantity(input);
      expect(compareQuantity(got, expected)).toBe(0);
      expect(got.format).toBe(expected.format);
      const neg = parseQuantity("-" + input);
      expect(compareQuantity(neg, { ...expected, unscaled: -expected.unscaled })).toBe(0);
      expect(compareQuantity(parseQuantity("+" + input), expected)).toBe(0);
    });
  }

  it("rejects the upstream invalid inputs with upstream errors", () => {
    const invalid = ["1.1.M", "1+1.0M", "0.1mi", "0.1am", "aoeu", ".5i", "1i", "-3.01i", "-3.01e-", " 1", "1 ", ""];
    for (const s of invalid) expect(() => parseQuantity(s), s).toThrow(QuantityError);
    expect(() => parseQuantity("aoeu")).toThrow(QuantityErrors.formatWrong);
    expect(() => parseQuantity("")).toThrow(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
    expect(() => parseQuantity("0.1mi")).toThrow("unable to parse quantity's suffix");
    expect(() => parseQuantity("1Ki ")).toThrow(QuantityErrors.formatWrong);
  });

  it("parses the scanner's odd cases like upstream (TestParseQuantityString)", () => {
    expect(quantityToString(parseQuantity("."))).toBe("0");
    expect(quantityToString(parseQuantity("-."))).toBe("0");
    expect(compareQuantity(parseQuantity("-1.025Ti"), dec(-11269994184704n, -1, "BinarySI"))).toBe(0);
  });

  it("does not blow up on absurd exponents", () => {
    expect(quantityToString(parseQuantity("1e-2000000000"))).toBe("1e-9"); // DecimalExponent, rounded up to nano
    expect(parseQuantity("1e2000000000").scale).toBe(2000000000);
    expect(value(parseQuantity("1e2000000000"))).toBe(Infinity);
  });
});

describe("quantityToString (upstream TestQuantityString / TestQuantityParseEmit)", () => {
  const table: [Quantity, string, string][] = [
    [dec(1024 * 1024 * 1024, 0, "BinarySI"), "1Gi", "1024Mi"],
    [dec(300 * 1024 * 1024, 0, "BinarySI"), "300Mi", "307200Ki"],
    [dec(6 * 1024, 0, "BinarySI"), "6Ki", ""],
    [dec(1001 * 1024 * 1024 * 1024, 0, "BinarySI"), "1001Gi", "1025024Mi"],
    [dec(1024 ** 4, 0, "BinarySI"), "1Ti", "1024Gi"],
    [dec(5, 0, "BinarySI"), "5", "5000m"],
    [dec(500, -3, "BinarySI"), "500m", "0.5"],
    [dec(1, 9, "DecimalSI"), "1G", "1000M"],
    [dec(1000, 6, "DecimalSI"), "1G", "0.001T"],
    [dec(1000000000, 0, "DecimalSI"), "1G", ""],
    [dec(1, -3, "DecimalSI"), "1m", "1000u"],
    [dec(80, -3, "DecimalSI"), "80m", ""],
    [dec(1080, -3, "DecimalSI"), "1080m", "1.08"],
    [dec(108, -2, "DecimalSI"), "1080m", "1080000000n"],
    [dec(10800, -4, "DecimalSI"), "1080m", ""],
    [dec(300, 6, "DecimalSI"), "300M", ""],
    [dec(1, 18, "DecimalSI"), "1E", ""],
    [dec(1, 21, "DecimalSI"), "1e21", "1000E"],
    [dec(1234567, 6, "DecimalSI"), "1234567M", ""],
    [dec(1234567, -3, "BinarySI"), "1234567m", ""],
    [dec(1025, 0, "BinarySI"), "1025", ""],
    [dec(0, 0, "DecimalSI"), "0", ""],
    [dec(0, 0, "BinarySI"), "0", ""],
    [dec(1, 9, "DecimalExponent"), "1e9", ".001e12"],
    [dec(1, -3, "DecimalExponent"), "1e-3", "0.001e0"],
    [dec(1, -9, "DecimalExponent"), "1e-9", "1000e-12"],
    [dec(80, -3, "DecimalExponent"), "80e-3", ""],
    [dec(300, 6, "DecimalExponent"), "300e6", ""],
    [dec(3, 3, "DecimalSI"), "3k", ""],
    [dec(0, 0, "DecimalExponent"), "0", "00"],
    [dec(108, -8, "DecimalSI"), "1080n", ""],
    [dec(10800, -10, "DecimalSI"), "1080n", ""],
    [dec(1080, -6, "DecimalSI"), "1080u", ""],
  ];
  for (const [q, expected, alternate] of table) {
    it(`prints ${expected}`, () => {
      expect(quantityToString(q)).toBe(expected);
      // The canonical string parses back to itself.
      expect(quantityToString(parseQuantity(expected))).toBe(expected);
      if (alternate) expect(quantityToString(parseQuantity(alternate))).toBe(expected);
      if (q.unscaled !== 0n) expect(quantityToString({ ...q, unscaled: -q.unscaled })).toBe("-" + expected);
    });
  }

  it("emits parsed values canonically", () => {
    const table: [string, string][] = [
      ["1Ki", "1Ki"],
      ["1Mi", "1Mi"],
      ["1024Mi", "1Gi"],
      ["1000M", "1G"],
      [".001Ki", "1024m"],
      [".000001Ki", "1024u"],
      [".000000001Ki", "1024n"],
      [".000000000001Ki", "2n"],
      // From the Quantity doc comment and the brief.
      ["1.5", "1500m"],
      ["1.5Gi", "1536Mi"],
      ["0.1", "100m"],
      ["1000m", "1"],
      ["1.2345", "1234500u"],
    ];
    for (const [input, out] of table) {
      expect(quantityToString(parseQuantity(input)), input).toBe(out);
      expect(quantityToString(parseQuantity("-" + input)), "-" + input).toBe("-" + out);
    }
  });

  it("keeps an already-canonical input string verbatim, as upstream caches it", () => {
    // ParseQuantity stores the input in q.s when scale%3==0 and no trailing "000": DecimalExponent
    // stays exponent notation, so 1e3 is "1e3", not "1k".
    expect(quantityToString(parseQuantity("1e3"))).toBe("1e3");
    expect(quantityToString(parseQuantity("129e6"))).toBe("129e6");
    expect(quantityToString(parseQuantity("1E3"))).toBe("1E3");
    expect(quantityToString(parseQuantity("+1"))).toBe("+1");
    expect(quantityToString(parseQuantity("1000e0"))).toBe("1e3");
    expect(quantityToString(parseQuantity("129000k"))).toBe("129M");
  });

  it("formats new quantities like upstream (TestNewSet, TestMilliNewSet, TestNewScaledSet)", () => {
    expect(quantityToString(newQuantity(1000, "DecimalSI"))).toBe("1k");
    expect(quantityToString(newQuantity(1234000, "DecimalSI"))).toBe("1234k");
    expect(quantityToString(newQuantity(1024, "BinarySI"))).toBe("1Ki");
    expect(quantityToString(newQuantity(1024 * 1024, "BinarySI"))).toBe("1Mi");
    expect(quantityToString(newQuantity(1000000, "DecimalExponent"))).toBe("1e6");
    expect(quantityToString(newMilliQuantity(1, "DecimalSI"))).toBe("1m");
    expect(quantityToString(newMilliQuantity(1000, "DecimalSI"))).toBe("1");
    expect(quantityToString(newMilliQuantity(1024, "BinarySI"))).toBe("1024m");
    expect(quantityToString(newMilliQuantity(1024 * 1024, "BinarySI"))).toBe("1048576m");
    expect(quantityToString(newScaledQuantity(1000, Scale.Nano))).toBe("1u");
    expect(quantityToString(newScaledQuantity(1000, Scale.Micro))).toBe("1m");
    expect(quantityToString(newScaledQuantity(0, Scale.Milli))).toBe("0");
  });
});

describe("arithmetic and comparison", () => {
  it("compares like upstream TestQuantityCmp / TestQuantityCmpInt64AndDec", () => {
    const cmp = (a: string, b: string) => compareQuantity(parseQuantity(a), parseQuantity(b));
    expect(cmp("0", "0")).toBe(0);
    expect(cmp("100m", "50m")).toBe(1);
    expect(cmp("50m", "100m")).toBe(-1);
    expect(cmp("10000T", "100Gi")).toBe(1);
    expect(compareQuantity(dec(90, -1, "DecimalSI"), dec(901, -2, "DecimalSI"))).toBe(-1);
    expect(compareQuantity(dec(0, 1, "DecimalSI"), dec(0, -1, "DecimalSI"))).toBe(0);
    expect(compareQuantity(dec(800, -3, "DecimalSI"), dec(79, -2, "DecimalSI"))).toBe(1);
    expect(compareQuantity(dec(10n ** 18n, -17, "DecimalSI"), dec(1, 1, "DecimalSI"))).toBe(0);
    expect(compareQuantity(dec(10n ** 18n + 1n, -17, "DecimalSI"), dec(1, 1, "DecimalSI"))).toBe(1);
    expect(compareQuantity(dec(-(10n ** 18n), -17, "DecimalSI"), dec(-10, 0, "DecimalSI"))).toBe(0);
  });

  it("adds and subtracts like upstream TestAdd / TestSub", () => {
    const eq = (a: Quantity, b: Quantity) => expect(compareQuantity(a, b)).toBe(0);
    eq(addQuantity(dec(10, 0, "DecimalSI"), dec(1, 1, "DecimalSI")), dec(20, 0, "DecimalSI"));
    const mixed = addQuantity(dec(10, 0, "BinarySI"), dec(1, 0, "DecimalSI"));
    eq(mixed, dec(11, 0, "BinarySI"));
    expect(mixed.format).toBe("BinarySI");
    eq(subQuantity(dec(10, 0, "DecimalSI"), dec(1, 1, "DecimalSI")), dec(0, 0, "DecimalSI"));
    eq(subQuantity(dec(0, 0, "DecimalSI"), dec(50, 0, "DecimalSI")), dec(-50, 0, "DecimalSI"));
    expect(quantityToString(addQuantity(parseQuantity("1.5"), parseQuantity("250m")))).toBe("1750m");
  });

  it("preserves the suffix when adding zero (TestQuantityAddZeroPreservesSuffix)", () => {
    for (const v of ["100m", "1Gi"]) {
      expect(quantityToString(addQuantity(parseQuantity(v), parseQuantity("0")))).toBe(v);
      expect(quantityToString(addQuantity(parseQuantity("0"), parseQuantity(v)))).toBe(v);
      expect(quantityToString(subQuantity(parseQuantity(v), parseQuantity("0")))).toBe(v);
    }
  });

  it("rounds up like upstream TestQuantityRoundUp", () => {
    const cases: [string, number, Quantity, boolean][] = [
      ["9.01", -3, dec(901, -2, "DecimalSI"), true],
      ["9.01", -2, dec(901, -2, "DecimalSI"), true],
      ["9.01", -1, dec(91, -1, "DecimalSI"), false],
      ["9.01", 0, dec(10, 0, "DecimalSI"), false],
      ["9.01", 2, dec(100, 0, "DecimalSI"), false],
      ["-9.01", -1, dec(-91, -1, "DecimalSI"), false],
      ["-9.01", 0, dec(-10, 0, "DecimalSI"), false],
    ];
    for (const [input, scale, expected, exact] of cases) {
      const r = roundUpQuantity(parseQuantity(input), scale);
      expect(r.exact, `${input}@${scale}`).toBe(exact);
      expect(compareQuantity(r.quantity, expected), `${input}@${scale}`).toBe(0);
    }
    // SetDefaults_ResourceList rounds requests to milli: 0.1m CPU becomes 1m.
    expect(quantityToString(roundUpQuantity(parseQuantity("0.1m"), Scale.Milli).quantity)).toBe("1m");
  });
});

describe("value / milliValue", () => {
  it("scales like upstream TestScaledValue", () => {
    const cases: [number, number, number][] = [
      [Scale.Nano, Scale.Nano, 1],
      [Scale.Nano, Scale.Milli, 1],
      [Scale.Nano, 0, 1],
      [Scale.Micro, Scale.Nano, 1000],
      [Scale.Milli, Scale.Nano, 1000 * 1000],
      [0, Scale.Nano, 1e9],
      [0, Scale.Milli, 1000],
      [2, -2, 100 * 100],
    ];
    for (const [from, to, expected] of cases) expect(scaledValue(newScaledQuantity(1, from), to)).toBe(expected);
  });

  it("rounds up", () => {
    expect(milliValue(parseQuantity("0.1"))).toBe(100);
    expect(milliValue(parseQuantity("1.5"))).toBe(1500);
    expect(milliValue(parseQuantity("100u"))).toBe(1);
    expect(value(parseQuantity("400m"))).toBe(1);
    expect(value(parseQuantity("1.5Gi"))).toBe(1610612736);
    expect(value(parseQuantity("128974848"))).toBe(128974848);
    expect(value(parseQuantity("129e6"))).toBe(129000000);
    expect(value(parseQuantity("123Mi"))).toBe(123 * 1024 * 1024);
    expect(value(parseQuantity("0"))).toBe(0);
  });

  it("parseCpuMillis / parseBytes memoise and agree with milliValue / value", () => {
    expect(parseCpuMillis("250m")).toBe(250);
    expect(parseCpuMillis("250m")).toBe(250);
    expect(parseCpuMillis("2")).toBe(2000);
    expect(parseCpuMillis("0.5")).toBe(500);
    expect(parseBytes("64Mi")).toBe(67108864);
    expect(parseBytes("1G")).toBe(1e9);
    expect(parseBytes("1.5Ki")).toBe(1536);
    expect(() => parseBytes("lots")).toThrow(QuantityError);
  });
});

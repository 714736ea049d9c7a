// Cron schedules as kube-controller-manager parses them: robfig/cron/v3 ParseStandard — five fields
// (minute hour day-of-month month day-of-week) with *, ?, ranges a-b, steps /n, lists a,b, names
// (JAN–DEC, SUN–SAT, any case), the descriptors @yearly @annually @monthly @weekly @daily @midnight
// @hourly @every <duration>, and a CRON_TZ=/TZ= prefix. Errors are robfig's, word for word.
// mirrors github.com/robfig/cron/v3 parser.go (Parse, normalizeFields, getField, getRange,
// parseIntOrName, mustParseInt, parseDescriptor), spec.go (SpecSchedule.Next, dayMatches) and
// constantdelay.go. Times are absolute (Unix) milliseconds.
import { parseDuration } from "../../sim/duration";
import { dateIn, loadLocation, UTC, UnknownTimeZoneError, wallClock, type Location } from "./timeZone";

export class CronParseError extends Error {}

export interface Schedule {
  /** The first activation strictly after `t`, or undefined (Go's zero time: none within 5 years). */
  next(t: number): number | undefined;
}

interface Bounds {
  min: number;
  max: number;
  names?: Readonly<Record<string, number>>;
}

const SECONDS: Bounds = { min: 0, max: 59 };
const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = { min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } };
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

/** A field's set of allowed values plus robfig's starBit (the field was * or ?, unstepped). */
export class FieldBits {
  readonly bits: boolean[] = [];
  star = false;

  static range(min: number, max: number, step: number): FieldBits {
    const f = new FieldBits();
    return f.add(min, max, step);
  }

  /** all(): every value, with the star flag. */
  static all(r: Bounds): FieldBits {
    const f = FieldBits.range(r.min, r.max, 1);
    f.star = true;
    return f;
  }

  add(min: number, max: number, step: number): this {
    for (let i = min; i <= max; i += step) this.bits[i] = true;
    return this;
  }

  has(v: number): boolean {
    return this.bits[v] === true;
  }

  or(o: FieldBits): void {
    o.bits.forEach((b, i) => {
      if (b) this.bits[i] = true;
    });
    this.star ||= o.star;
  }
}

// mirrors mustParseInt: strconv.Atoi, then non-negative.
function mustParseInt(expr: string): number {
  if (!/^[+-]?\d+$/.test(expr)) throw new CronParseError(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`);
  const big = BigInt(expr);
  if (big > 9223372036854775807n || big < -9223372036854775808n) {
    throw new CronParseError(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: value out of range`);
  }
  if (big < 0n) throw new CronParseError(`negative number (${big}) not allowed: ${expr}`);
  // Out-of-range values only reach the bounds checks (exact up to 2^53, as printed in their messages).
  return Number(big);
}

function parseIntOrName(expr: string, names: Bounds["names"]): number {
  const named = names?.[expr.toLowerCase()];
  return named !== undefined ? named : mustParseInt(expr);
}

// mirrors getRange
function getRange(expr: string, r: Bounds): FieldBits {
  const rangeAndStep = expr.split("/");
  const lowAndHigh = rangeAndStep[0]!.split("-");
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === "*" || lowAndHigh[0] === "?") {
    start = r.min;
    end = r.max;
    star = true;
  } else {
    start = parseIntOrName(lowAndHigh[0]!, r.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1]!, r.names);
    else throw new CronParseError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]!);
    if (singleDigit) end = r.max; // "N/step" means "N-max/step"
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) {
    throw new CronParseError(`too many slashes: ${expr}`);
  }
  if (start < r.min) throw new CronParseError(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) throw new CronParseError(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) throw new CronParseError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronParseError(`step of range should be a positive number: ${expr}`);
  const f = FieldBits.range(start, end, step);
  f.star = star;
  return f;
}

// mirrors getField: a comma-separated list (empty items are skipped, as strings.FieldsFunc does).
function getField(field: string, r: Bounds): FieldBits {
  const out = new FieldBits();
  for (const expr of field.split(",")) if (expr.length > 0) out.or(getRange(expr, r));
  return out;
}

/** The seconds-resolution cron spec, evaluated in `location`. */
export class SpecSchedule implements Schedule {
  constructor(
    readonly second: FieldBits,
    readonly minute: FieldBits,
    readonly hour: FieldBits,
    readonly dom: FieldBits,
    readonly month: FieldBits,
    readonly dow: FieldBits,
    readonly location: Location,
  ) {}

  /**
   * Walks month → day → hour → minute → second, resetting the smaller units the first time a larger
   * one moves, and wrapping to the month loop whenever a unit overflows. Gives up after 5 years.
   */
  // mirrors SpecSchedule.Next (robfig/cron/v3 spec.go)
  next(t0: number): number | undefined {
    const loc = this.location;
    let t = Math.floor(t0 / 1000) * 1000 + 1000; // the upcoming whole second
    let added = false;
    let w = wallClock(t, loc);
    const yearLimit = w.year + 5;
    for (;;) {
      // WRAP:
      if (w.year > yearLimit) return undefined;
      let wrapped = false;
      while (!this.month.has(w.month)) {
        if (!added) {
          added = true;
          t = dateIn(loc, w.year, w.month, 1, 0, 0, 0);
          w = wallClock(t, loc);
        }
        t = dateIn(loc, w.year, w.month + 1, w.day, w.hour, w.minute, w.second); // AddDate(0, 1, 0)
        w = wallClock(t, loc);
        if (w.month === 1) {
          wrapped = true;
          break;
        }
      }
      if (wrapped) continue;
      while (!this.dayMatches(w)) {
        if (!added) {
          added = true;
          t = dateIn(loc, w.year, w.month, w.day, 0, 0, 0);
          w = wallClock(t, loc);
        }
        t = dateIn(loc, w.year, w.month, w.day + 1, w.hour, w.minute, w.second); // AddDate(0, 0, 1)
        w = wallClock(t, loc);
        // Midnight may not exist (DST): move back or forward to it.
        if (w.hour !== 0) {
          t += (w.hour > 12 ? 24 - w.hour : -w.hour) * 3_600_000;
          w = wallClock(t, loc);
        }
        if (w.day === 1) {
          wrapped = true;
          break;
        }
      }
      if (wrapped) continue;
      while (!this.hour.has(w.hour)) {
        if (!added) {
          added = true;
          t = dateIn(loc, w.year, w.month, w.day, w.hour, 0, 0);
          w = wallClock(t, loc);
        }
        t += 3_600_000;
        w = wallClock(t, loc);
        if (w.hour === 0) {
          wrapped = true;
          break;
        }
      }
      if (wrapped) continue;
      while (!this.minute.has(w.minute)) {
        if (!added) {
          added = true;
          t -= t % 60_000; // Truncate(time.Minute)
          w = wallClock(t, loc);
        }
        t += 60_000;
        w = wallClock(t, loc);
        if (w.minute === 0) {
          wrapped = true;
          break;
        }
      }
      if (wrapped) continue;
      while (!this.second.has(w.second)) {
        if (!added) {
          added = true;
          t -= t % 1000;
        }
        t += 1000;
        w = wallClock(t, loc);
        if (w.second === 0) {
          wrapped = true;
          break;
        }
      }
      if (wrapped) continue;
      return t;
    }
  }

  /** Day-of-month and day-of-week are ANDed if either is a star, else ORed (standard cron). */
  // mirrors dayMatches
  private dayMatches(w: { day: number; weekday: number }): boolean {
    const domMatch = this.dom.has(w.day);
    const dowMatch = this.dow.has(w.weekday);
    if (this.dom.star || this.dow.star) return domMatch && dowMatch;
    return domMatch || dowMatch;
  }
}

/** @every <duration>: fires every `delayMs` (at least 1s, whole seconds) after the previous time. */
// mirrors ConstantDelaySchedule (robfig/cron/v3 constantdelay.go)
export class ConstantDelaySchedule implements Schedule {
  readonly delayMs: number;

  constructor(delayMs: number) {
    const d = Math.max(delayMs, 1000);
    this.delayMs = d - (d % 1000);
  }

  next(t: number): number {
    return t - (t % 1000) + this.delayMs;
  }
}

// mirrors parseDescriptor
function parseDescriptor(descriptor: string, loc: Location): Schedule {
  const one = (v: number): FieldBits => FieldBits.range(v, v, 1);
  const sec = one(0);
  switch (descriptor) {
    case "@yearly":
    case "@annually":
      return new SpecSchedule(sec, one(0), one(0), one(1), one(1), FieldBits.all(DOW), loc);
    case "@monthly":
      return new SpecSchedule(sec, one(0), one(0), one(1), FieldBits.all(MONTHS), FieldBits.all(DOW), loc);
    case "@weekly":
      return new SpecSchedule(sec, one(0), one(0), FieldBits.all(DOM), FieldBits.all(MONTHS), one(0), loc);
    case "@daily":
    case "@midnight":
      return new SpecSchedule(sec, one(0), one(0), FieldBits.all(DOM), FieldBits.all(MONTHS), FieldBits.all(DOW), loc);
    case "@hourly":
      return new SpecSchedule(sec, one(0), FieldBits.all(HOURS), FieldBits.all(DOM), FieldBits.all(MONTHS), FieldBits.all(DOW), loc);
  }
  const every = "@every ";
  if (descriptor.startsWith(every)) {
    const d = descriptor.slice(every.length);
    const ms = parseDuration(d);
    if (ms === undefined) throw new CronParseError(`failed to parse duration ${descriptor}: time: invalid duration ${JSON.stringify(d)}`);
    return new ConstantDelaySchedule(ms);
  }
  throw new CronParseError(`unrecognized descriptor: ${descriptor}`);
}

/** cron.ParseStandard. Throws CronParseError with robfig's message. */
// mirrors Parser.Parse with Minute | Hour | Dom | Month | Dow | Descriptor
export function parseStandard(standardSpec: string): Schedule {
  let spec = standardSpec;
  if (spec.length === 0) throw new CronParseError("empty spec string");
  let loc: Location = UTC; // time.Local of kube-controller-manager
  if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
    const i = spec.indexOf(" ");
    const eq = spec.indexOf("=");
    const name = i < 0 ? spec.slice(eq + 1) : spec.slice(eq + 1, i);
    try {
      loc = loadLocation(name);
    } catch (e) {
      if (e instanceof UnknownTimeZoneError) throw new CronParseError(`provided bad location ${name}: ${e.message}`);
      throw e;
    }
    spec = i < 0 ? "" : spec.slice(i).trim();
  }
  if (spec.startsWith("@")) return parseDescriptor(spec, loc);
  const fields = spec.split(/\s+/).filter((f) => f.length > 0);
  if (fields.length !== 5) throw new CronParseError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(" ")}]`);
  return new SpecSchedule(
    getField("0", SECONDS),
    getField(fields[0]!, MINUTES),
    getField(fields[1]!, HOURS),
    getField(fields[2]!, DOM),
    getField(fields[3]!, MONTHS),
    getField(fields[4]!, DOW),
    loc,
  );
}

/** The parse error message for `spec`, or undefined when it parses (what validation reports). */
export function cronParseErrorOf(spec: string): string | undefined {
  try {
    parseStandard(spec);
    return undefined;
  } catch (e) {
    if (e instanceof CronParseError) return e.message;
    throw e;
  }
}

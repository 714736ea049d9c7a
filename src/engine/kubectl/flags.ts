// Flag parsing with cobra/pflag semantics, so that bad input gets kubectl's own errors:
//   error: unknown flag: --foo
//   error: unknown shorthand flag: 'x' in -x
//   error: flag needs an argument: --namespace   (pflag: "flag needs an argument: 'n' in -n")
// Supports `--flag value`, `--flag=value`, `-n value`, `-nvalue`, `-n=value`, bool flags and `--`.

export type FlagKind = "string" | "bool" | "int" | "stringArray";

export interface FlagSpec {
  name: string;
  short?: string;
  kind: FlagKind;
  default?: string | boolean | number;
}

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | boolean | number | string[]>;
  /** Flags the user actually set (kubectl behaves differently for an explicit --replicas=1). */
  changed: Set<string>;
  /** pflag's ArgsLenAtDash: how many positional args came before `--` (-1 when there was none). */
  argsLenAtDash?: number;
}

export class FlagError extends Error {}

export function parseFlags(args: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const flags: ParsedArgs["flags"] = new Map();
  const changed = new Set<string>();
  for (const s of specs) if (s.default !== undefined) flags.set(s.name, s.default);
  const positional: string[] = [];
  let argsLenAtDash = -1;

  const set = (spec: FlagSpec, raw: string | undefined, display: string): void => {
    changed.add(spec.name);
    if (spec.kind === "bool") {
      if (raw === undefined || raw === "true") flags.set(spec.name, true);
      else if (raw === "false") flags.set(spec.name, false);
      else throw new FlagError(`invalid argument "${raw}" for "${display}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`);
      return;
    }
    if (raw === undefined) throw new FlagError(`flag needs an argument: ${display}`);
    if (spec.kind === "int") {
      if (!/^-?\d+$/.test(raw)) throw new FlagError(`invalid argument "${raw}" for "${display}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`);
      flags.set(spec.name, Number(raw));
    } else if (spec.kind === "stringArray") {
      const prev = flags.get(spec.name);
      flags.set(spec.name, [...(Array.isArray(prev) ? prev : []), raw]);
    } else {
      flags.set(spec.name, raw);
    }
  };

  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") {
      argsLenAtDash = positional.length;
      positional.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith("--") && a.length > 2) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const spec = byName.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      let value: string | undefined = eq < 0 ? undefined : a.slice(eq + 1);
      if (value === undefined && spec.kind !== "bool") value = args[++i];
      set(spec, value, `--${name}`);
      continue;
    }
    if (a.startsWith("-") && a.length > 1 && !/^-\d/.test(a)) {
      // A cluster of shorthands: -it, -owide, -n=default.
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        const spec = byShort.get(c);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${c}' in ${a}`);
        if (spec.kind === "bool") {
          set(spec, undefined, `-${c}, --${spec.name}`);
          continue;
        }
        let rest = a.slice(j + 1);
        if (rest.startsWith("=")) rest = rest.slice(1);
        const value = rest !== "" ? rest : args[++i];
        if (value === undefined) throw new FlagError(`flag needs an argument: '${c}' in -${c}`);
        set(spec, value, `-${c}, --${spec.name}`);
        break;
      }
      continue;
    }
    positional.push(a);
  }
  return { positional, flags, changed, argsLenAtDash };
}

export function str(p: ParsedArgs, name: string): string | undefined {
  const v = p.flags.get(name);
  return typeof v === "string" ? v : undefined;
}

export function bool(p: ParsedArgs, name: string): boolean {
  return p.flags.get(name) === true;
}

export function int(p: ParsedArgs, name: string): number | undefined {
  const v = p.flags.get(name);
  return typeof v === "number" ? v : undefined;
}

export function strs(p: ParsedArgs, name: string): string[] {
  const v = p.flags.get(name);
  return Array.isArray(v) ? v : typeof v === "string" ? [v] : [];
}

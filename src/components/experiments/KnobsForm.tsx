// The knobs of one experiment as a form: whole numbers, durations (Go syntax: 50s, 5m) and switches.
// Values stay strings, as `--set key=value` takes them; the worker validates them.
import type { KnobSpec } from "../../experiments/types";

export function KnobsForm(props: { knobs: readonly KnobSpec[]; values: Readonly<Record<string, string>>; onChange(key: string, value: string): void; disabled?: boolean }) {
  if (props.knobs.length === 0) return null;
  return (
    <fieldset className="xp-knobs" disabled={props.disabled}>
      <legend>Knobs</legend>
      {props.knobs.map((k) => {
        const id = `xp-knob-${k.key}`;
        const value = props.values[k.key] ?? k.default;
        return (
          <div key={k.key} className="xp-knob">
            {k.kind === "bool" ? (
              <label htmlFor={id} className="xp-knob-check">
                <input id={id} type="checkbox" checked={value === "true"} aria-describedby={`${id}-help`} onChange={(e) => props.onChange(k.key, e.target.checked ? "true" : "false")} />
                {k.label}
              </label>
            ) : (
              <>
                <label htmlFor={id}>{k.label}</label>
                <input
                  id={id}
                  type={k.kind === "int" ? "number" : "text"}
                  inputMode={k.kind === "int" ? "numeric" : "text"}
                  {...(k.kind === "int" && k.min !== undefined ? { min: k.min } : {})}
                  {...(k.kind === "int" && k.max !== undefined ? { max: k.max } : {})}
                  value={value}
                  aria-describedby={`${id}-help`}
                  onChange={(e) => props.onChange(k.key, e.target.value)}
                />
              </>
            )}
            <p id={`${id}-help`} className="xp-help">
              {k.help}
            </p>
          </div>
        );
      })}
    </fieldset>
  );
}

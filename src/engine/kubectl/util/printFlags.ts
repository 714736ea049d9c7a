// The -o values a command accepts, and kubectl's refusal of others.
// mirrors cli-runtime genericclioptions.PrintFlags.AllowedFormats and NoCompatiblePrinterError.Error
// (the allowed formats are sorted and joined with ",").
import { fail } from "./errors";

/** JSONYamlPrintFlags + NamePrintFlags + KubeTemplatePrintFlags: what mutating commands accept. */
export const MUTATION_OUTPUT_FORMATS = [
  "json", "yaml", "name", "go-template", "go-template-file", "template", "templatefile", "jsonpath", "jsonpath-as-json", "jsonpath-file",
] as const;

/** kubectl get adds custom columns and the human-readable "wide". */
export const GET_OUTPUT_FORMATS = [...MUTATION_OUTPUT_FORMATS, "custom-columns", "custom-columns-file", "wide"] as const;

export function noCompatiblePrinter(output: string, allowed: readonly string[]): never {
  return fail(`unable to match a printer suitable for the output format ${JSON.stringify(output)}, allowed formats are: ${[...allowed].sort().join(",")}`);
}

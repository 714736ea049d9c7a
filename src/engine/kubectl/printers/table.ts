// How `kubectl get` turns a server-side Table into text: optional NAMESPACE first, the columns kept for
// the output mode, label columns (-L), LABELS (--show-labels), upper-case headers, tab-aligned rows.
// Mirrors cli-runtime pkg/printers/tableprinter.go (decorateTable, printTable, formatLabelHeaders,
// labelValues) and kubectl pkg/cmd/get/get.go for the "No resources found" message.
import type { KubeObject } from "../../api/types";
import { formatLabels } from "./labels";
import type { Cell, ColumnDefinition, KindPrinter } from "./columns/types";
import { newKubectlTableWriter, type TabWriter } from "./tabwriter";

export interface TableRow {
  readonly cells: Cell[];
  readonly object: KubeObject;
}

export interface Table {
  readonly columns: readonly ColumnDefinition[];
  readonly rows: readonly TableRow[];
}

export interface TableOptions {
  /** `-o wide`: keep the Priority>0 columns. */
  wide?: boolean;
  /** `-A` / `--all-namespaces`: a NAMESPACE column first. */
  withNamespace?: boolean;
  /** `--show-labels`: a LABELS column last. */
  showLabels?: boolean;
  /** `-L key1,key2`: one column per label key, after the regular columns. */
  labelColumns?: readonly string[];
  /** `--no-headers`. */
  noHeaders?: boolean;
  /** kubectl's WithKind: when several kinds are printed the name cell becomes `<kind>/<name>` ("deployment.apps"). */
  kind?: string;
}

/** One row per object, every cell computed (wide ones too), as the API server does. */
export function buildTable(printer: KindPrinter, objects: readonly KubeObject[], now: number): Table {
  const rows: TableRow[] = new Array(objects.length);
  for (let i = 0; i < objects.length; i++) {
    const object = objects[i] as KubeObject;
    rows[i] = { cells: printer.row(object, now), object };
  }
  return { columns: printer.columns, rows };
}

// mirrors formatLabelHeaders: the last path segment of each key, upper-cased.
function labelHeader(key: string): string {
  const parts = key.split("/");
  return (parts[parts.length - 1] as string).toUpperCase();
}

// mirrors WriteEscaped (cli-runtime pkg/printers/terminal.go): no raw ESC or CR reaches the terminal.
export function escapeTerminal(s: string): string {
  if (s.indexOf("\x1b") < 0 && s.indexOf("\r") < 0) return s;
  return s.split("\x1b").join("^[").split("\r").join("\\r");
}

// mirrors printTable's cell rendering: strings are cut at the first line break with "...", nil is empty,
// everything else is fmt.Sprint (Go prints bools as true/false).
function renderCell(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "string") {
    const brk = cell.search(/[\f\n\r]/);
    return brk >= 0 ? escapeTerminal(cell.slice(0, brk)) + "..." : escapeTerminal(cell);
  }
  return String(cell);
}

/** Writes a table into a kubectl table writer; kubectl reuses one writer for all the tables of a `get`. */
export function writeTable(w: TabWriter, table: Table, options: TableOptions = {}): void {
  const wide = options.wide === true;
  const labelColumns = options.labelColumns ?? [];
  const nameIndex = options.kind ? table.columns.findIndex((c) => c.format === "name") : -1;
  const visible: number[] = [];
  for (let i = 0; i < table.columns.length; i++) {
    if (wide || (table.columns[i] as ColumnDefinition).priority === 0) visible.push(i);
  }

  // printTable prints nothing at all, not even headers, for an empty table.
  if (table.rows.length === 0) return;

  if (!options.noHeaders) {
    const header: string[] = [];
    if (options.withNamespace) header.push("NAMESPACE");
    for (const i of visible) header.push((table.columns[i] as ColumnDefinition).name.toUpperCase());
    for (const key of labelColumns) header.push(labelHeader(key));
    if (options.showLabels) header.push("LABELS");
    w.writeRow(header);
  }

  for (const row of table.rows) {
    const out: string[] = [];
    const meta = row.object.metadata;
    if (options.withNamespace) out.push(escapeTerminal(meta?.namespace ?? ""));
    for (const i of visible) {
      const text = renderCell(row.cells[i] ?? null);
      out.push(i === nameIndex ? `${options.kind}/${text}` : text);
    }
    for (const key of labelColumns) out.push(escapeTerminal(meta?.labels?.[key] ?? ""));
    if (options.showLabels) out.push(escapeTerminal(formatLabels(meta?.labels)));
    w.writeRow(out);
  }
}

/** The text `kubectl get` prints for one table. */
export function printTable(table: Table, options: TableOptions = {}): string {
  const w = newKubectlTableWriter();
  writeTable(w, table, options);
  return w.toString();
}

// mirrors the message in GetOptions.Run: printed on stderr when a human-readable get printed nothing.
// `namespace` is undefined for cluster-scoped kinds and for --all-namespaces.
export function noResourcesFoundMessage(namespace?: string): string {
  return namespace === undefined ? "No resources found\n" : `No resources found in ${namespace} namespace.\n`;
}

export interface GetOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * One kind's `kubectl get` in a human-readable format: the table on stdout, or the "No resources found"
 * message on stderr when there is nothing to print. `namespace` is the request's namespace for a
 * namespaced kind without --all-namespaces; leave it undefined otherwise.
 */
export function printGet(printer: KindPrinter, objects: readonly KubeObject[], now: number, options: TableOptions & { namespace?: string } = {}): GetOutput {
  if (objects.length === 0) return { stdout: "", stderr: noResourcesFoundMessage(options.namespace) };
  return { stdout: printTable(buildTable(printer, objects, now), options), stderr: "" };
}

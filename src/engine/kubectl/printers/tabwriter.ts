// The elastic-tabstop writer behind every kubectl table and every `kubectl describe`.
// Mirrors Go's text/tabwriter (Writer.Write, format, writeLines, Flush) as vendored by kubectl in
// github.com/liggitt/tabwriter, which adds the RememberWidths flag.
//
// Invariants (upstream's): a cell is text terminated by a tab; the last cell of a line is not part of
// any column. Consecutive lines that have a cell in column c form a "column block" whose width is the
// widest cell + padding (at least minwidth). A line with a single cell ends every block, which is why
// `kubectl describe` sections ("Containers:") restart the alignment. Widths count code points (runes).

/** Flags, in upstream's bit order. Only the ones kubectl uses are implemented. */
export const TabWriterFlags = {
  DiscardEmptyColumns: 1 << 3,
  RememberWidths: 1 << 6,
} as const;

interface Cell {
  text: string;
  width: number;
  htab: boolean;
}

// Any code unit above 0x7f: the string needs a real rune count.
const NON_ASCII = /[\u0080-\uffff]/;

/** utf8.RuneCountInString for a JS string: surrogate pairs count once. */
export function runeCount(s: string): number {
  if (!NON_ASCII.test(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

export class TabWriter {
  private lines: Cell[][] = [[]];
  private cellText = "";
  private widths: number[] = [];
  private maxWidths: number[] = [];
  private readonly out: string[] = [];

  constructor(
    private readonly minwidth: number,
    private readonly tabwidth: number,
    private readonly padding: number,
    private readonly padchar: string,
    private readonly flags: number,
  ) {
    if (minwidth < 0 || tabwidth < 0 || padding < 0) throw new RangeError("negative minwidth, tabwidth, or padding");
    if (padchar.length !== 1 || padchar === "\t") throw new RangeError("TabWriter supports a single non-tab pad character");
  }

  // mirrors Writer.Write: split into cells at \t \v \n \f; a line of one cell flushes.
  write(text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch !== 9 && ch !== 10 && ch !== 11 && ch !== 12) continue;
      if (i > start) this.cellText += text.slice(start, i);
      start = i + 1;
      const ncells = this.terminateCell(ch === 9);
      if (ch === 10 || ch === 12) {
        this.lines.push([]);
        if (ch === 12 || ncells === 1) this.flushInternal();
      }
    }
    if (start < text.length) this.cellText += text.slice(start);
  }

  /** Writes a whole line of already-split cells (faster than write() for big tables). */
  writeRow(cells: readonly string[]): void {
    const line = this.lines[this.lines.length - 1] as Cell[];
    const last = cells.length - 1;
    for (let i = 0; i < last; i++) {
      const text = this.cellText + (cells[i] as string);
      this.cellText = "";
      line.push({ text, width: runeCount(text), htab: true });
    }
    this.cellText += last >= 0 ? (cells[last] as string) : "";
    this.write("\n");
  }

  // mirrors Writer.Flush: format what is buffered and reset (remembered widths survive).
  flush(): void {
    this.flushInternal();
  }

  /** Everything written so far, after a final flush. */
  toString(): string {
    this.flushInternal();
    return this.out.join("");
  }

  private terminateCell(htab: boolean): number {
    const line = this.lines[this.lines.length - 1] as Cell[];
    line.push({ text: this.cellText, width: runeCount(this.cellText), htab });
    this.cellText = "";
    return line.length;
  }

  private flushInternal(): void {
    if (this.cellText.length > 0) this.terminateCell(false);
    this.format(0, this.lines.length);
    this.lines = [[]];
    this.widths = [];
  }

  private pad(textw: number, cellw: number): void {
    if (cellw > textw) this.out.push(this.padchar.repeat(cellw - textw));
  }

  // mirrors Writer.writeLines
  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i] as Cell[];
      for (let j = 0; j < line.length; j++) {
        const c = line[j] as Cell;
        if (c.text.length > 0) this.out.push(c.text);
        if (j < this.widths.length) this.pad(c.width, this.widths[j] as number);
      }
      // The last buffered line has no newline of its own; its unterminated text was made a cell by flush.
      if (i + 1 !== this.lines.length) this.out.push("\n");
    }
  }

  // mirrors Writer.format: recursive column blocks.
  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let self = line0; self < line1; self++) {
      let line = this.lines[self] as Cell[];
      if (column >= line.length - 1) continue;
      // This line has a cell in this column: print the lines before the block, then size the block.
      this.writeLines(line0, self);
      line0 = self;
      let width = this.minwidth;
      let discardable = true;
      for (; self < line1; self++) {
        line = this.lines[self] as Cell[];
        if (column >= line.length - 1) break;
        const c = line[column] as Cell;
        const w = c.width + this.padding;
        if (w > width) width = w;
        if (c.width > 0 || c.htab) discardable = false;
      }
      if (discardable && (this.flags & TabWriterFlags.DiscardEmptyColumns) !== 0) width = 0;
      if ((this.flags & TabWriterFlags.RememberWidths) !== 0) width = this.remember(width);
      this.widths.push(width);
      this.format(line0, self);
      this.widths.pop();
      // As upstream, the loop's increment then skips the line that ended the block: it has no cell here.
      line0 = self;
    }
    this.writeLines(line0, line1);
  }

  // liggitt/tabwriter: a column never shrinks below the widest width it has had since creation.
  private remember(width: number): number {
    const col = this.widths.length;
    if (this.maxWidths.length < col) this.maxWidths.push(...this.widths.slice(this.maxWidths.length));
    if (this.maxWidths.length === col) {
      this.maxWidths.push(width);
      return width;
    }
    const max = this.maxWidths[col] as number;
    if (max > width) return max;
    this.maxWidths[col] = width;
    return width;
  }
}

// mirrors printers.GetNewTabWriter (cli-runtime pkg/printers/tabwriter.go): what `kubectl get` uses.
export function newKubectlTableWriter(): TabWriter {
  return new TabWriter(6, 4, 3, " ", TabWriterFlags.RememberWidths);
}

// mirrors tabbedString's writer (kubectl pkg/describe/describe.go): `out.Init(buf, 0, 8, 2, ' ', 0)`.
export function newDescribeWriter(): TabWriter {
  return new TabWriter(0, 8, 2, " ", 0);
}

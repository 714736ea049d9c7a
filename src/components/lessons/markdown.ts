// The small Markdown the lessons are written in, parsed to a tree the panel renders as React elements
// (never as HTML strings): paragraphs, "- " and "1. " lists, fenced code blocks, and inline `code`,
// **bold** and *emphasis*. Anything else is plain text.

export type Inline = { readonly kind: "text" | "code" | "strong" | "em"; readonly text: string };

export type Block =
  | { readonly kind: "p"; readonly inline: readonly Inline[] }
  | { readonly kind: "ul" | "ol"; readonly items: readonly (readonly Inline[])[] }
  | { readonly kind: "code"; readonly text: string };

const INLINE = /(`[^`]+`|\*\*[^*]+\*\*|\*[^*\s][^*]*\*)/g;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ kind: "text", text: text.slice(last, at) });
    const tok = m[0];
    if (tok.startsWith("`")) out.push({ kind: "code", text: tok.slice(1, -1) });
    else if (tok.startsWith("**")) out.push({ kind: "strong", text: tok.slice(2, -2) });
    else out.push({ kind: "em", text: tok.slice(1, -1) });
    last = at + tok.length;
  }
  if (last < text.length) out.push({ kind: "text", text: text.slice(last) });
  return out;
}

const BULLET = /^\s*[-*]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;

export function parseMarkdown(src: string): Block[] {
  const lines = src.replace(/\r\n/g, "\n").split("\n");
  const blocks: Block[] = [];
  let para: string[] = [];
  let list: { kind: "ul" | "ol"; items: string[] } | undefined;
  const flush = () => {
    if (para.length > 0) blocks.push({ kind: "p", inline: parseInline(para.join(" ")) });
    para = [];
    if (list) blocks.push({ kind: list.kind, items: list.items.map(parseInline) });
    list = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trimStart().startsWith("```")) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.trimStart().startsWith("```"); i++) code.push(lines[i]!);
      blocks.push({ kind: "code", text: code.join("\n") });
      continue;
    }
    if (line.trim() === "") {
      flush();
      continue;
    }
    const b = BULLET.exec(line);
    const n = b ? undefined : NUMBERED.exec(line);
    if (b || n) {
      const kind = b ? "ul" : "ol";
      if (para.length > 0 || (list && list.kind !== kind)) flush();
      list ??= { kind, items: [] };
      list.items.push((b ?? n)![1]!);
      continue;
    }
    // An indented line right after a list item continues it.
    if (list && /^\s+\S/.test(line)) {
      list.items[list.items.length - 1] += ` ${line.trim()}`;
      continue;
    }
    if (list) flush();
    para.push(line.trim());
  }
  flush();
  return blocks;
}

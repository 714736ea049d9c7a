// Renders lesson Markdown (markdown.ts) as React elements.
import { useMemo } from "react";
import { parseMarkdown, type Inline } from "./markdown";

function Inlines(props: { parts: readonly Inline[] }) {
  return (
    <>
      {props.parts.map((p, i) => {
        if (p.kind === "code") return <code key={i}>{p.text}</code>;
        if (p.kind === "strong") return <strong key={i}>{p.text}</strong>;
        if (p.kind === "em") return <em key={i}>{p.text}</em>;
        return <span key={i}>{p.text}</span>;
      })}
    </>
  );
}

export function Markdown(props: { text: string; className?: string }) {
  const blocks = useMemo(() => parseMarkdown(props.text), [props.text]);
  return (
    <div className={props.className ?? "lesson-md"}>
      {blocks.map((b, i) => {
        if (b.kind === "p")
          return (
            <p key={i}>
              <Inlines parts={b.inline} />
            </p>
          );
        if (b.kind === "code")
          return (
            <pre key={i}>
              <code>{b.text}</code>
            </pre>
          );
        const items = b.items.map((it, j) => (
          <li key={j}>
            <Inlines parts={it} />
          </li>
        ));
        return b.kind === "ul" ? <ul key={i}>{items}</ul> : <ol key={i}>{items}</ol>;
      })}
    </div>
  );
}

// A step's spotlight names graph items the way lessons are written ("kube-scheduler", "kubectl",
// "node:node-2", "Deployment/web", "Service/dev/web"); the graph knows them by ViewItem id. resolveSpotlight
// maps one to the other from the store's items; spotlightCss outlines those items. React Flow renders each
// graph node as `.react-flow__node[data-id="<id>"]`, so the outline needs nothing from the graph's code.
import type { ViewItem } from "../../engine/protocol";

/** The kubectl actor box's id in the graph. */
const KUBECTL_ID = "actor:kubectl";

export function resolveSpotlight(items: ReadonlyMap<string, ViewItem>, spots: readonly string[]): string[] {
  const out: string[] = [];
  for (const s of spots) {
    if (s === "kubectl") {
      out.push(KUBECTL_ID);
      continue;
    }
    if (s.startsWith("node:")) {
      const name = s.slice(5);
      for (const it of items.values()) if (it.kind === "Node" && it.name === name) out.push(it.id);
      continue;
    }
    const parts = s.split("/");
    if (parts.length === 1) {
      // A control-plane component: its id is its name.
      if (items.has(s)) out.push(s);
      continue;
    }
    const [kind, a, b] = parts as [string, string, string | undefined];
    const namespace = b === undefined ? "default" : a;
    const name = b ?? a;
    for (const it of items.values()) {
      if (it.kind !== kind || !("namespace" in it) || it.namespace !== namespace || it.name !== name) continue;
      out.push(it.id);
    }
  }
  return [...new Set(out)];
}

function cssString(s: string): string {
  return `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** CSS outlining the spotlit graph items (empty when there are none). */
export function spotlightCss(ids: readonly string[]): string {
  if (ids.length === 0) return "";
  const sel = ids.map((id) => `.react-flow__node[data-id=${cssString(id)}]`).join(",\n");
  return `${sel} {
  outline: 3px solid var(--accent);
  outline-offset: 3px;
  border-radius: var(--radius);
  animation: lesson-spotlight 1.6s ease-in-out infinite;
}
@keyframes lesson-spotlight { 50% { outline-color: transparent; } }
@media (prefers-reduced-motion: reduce) {
  ${sel} { animation: none; }
}`;
}

// DotButtons gives every dot-view pod what a card has: an accessible name (`Pod <name> <status>`) and a
// way to select it from the keyboard. One button per pod, in dot order; the group is one Tab stop and the
// arrow keys move between pods as the dots are laid out (←/→ one pod, ↑/↓ one row, Home/End), Enter or
// Space selects. The buttons are clipped out of sight (boxes.css) and the focused pod is ringed on the
// dot layer instead. Pointer clicks go to the DotArea, which reads the latest picture; the buttons follow
// the DotScene's publication (a node's list at most every two seconds, a few nodes at a time), so a
// rollout does not re-render 3,000 elements every frame.
import { memo, useCallback, useContext, useRef, useState, useSyncExternalStore } from "react";
import type { PodView } from "../../../engine/protocol";
import { DotSceneContext } from "../graphContext";
import { DOT } from "../model/layout";
import { podLabel } from "../model/labels";
import type { DotScene } from "../model/dotScene";
import { selectItem } from "./select";

/** The list as last published for `key` (a publication re-renders only the few boxes it touched). */
export function usePublishedPods(scene: DotScene, key: string): readonly PodView[] {
  const subscribe = useCallback((cb: () => void) => scene.subscribe(key, cb), [scene, key]);
  const read = useCallback(() => scene.publishedPods(key), [scene, key]);
  return useSyncExternalStore(subscribe, read, read);
}

/** Where the arrow keys take focus from pod `i` of `n` (the dots' grid is DOT.cols wide). */
export function nextDotIndex(key: string, i: number, n: number): number | undefined {
  switch (key) {
    case "ArrowRight":
      return Math.min(n - 1, i + 1);
    case "ArrowLeft":
      return Math.max(0, i - 1);
    case "ArrowDown":
      return i + DOT.cols < n ? i + DOT.cols : i;
    case "ArrowUp":
      return i - DOT.cols >= 0 ? i - DOT.cols : i;
    case "Home":
      return 0;
    case "End":
      return n - 1;
    default:
      return undefined;
  }
}

export const DotButtons = memo(function DotButtons({ sceneKey, label }: { sceneKey: string; label: string }) {
  const scene = useContext(DotSceneContext);
  const pods = usePublishedPods(scene, sceneKey);
  // The pod that holds the group's Tab stop (roving tabindex), by id so a republished list keeps it.
  const [activeId, setActiveId] = useState<string | undefined>(undefined);
  const ref = useRef<HTMLDivElement>(null);
  const onFocusPod = useCallback(
    (id: string | undefined) => {
      if (id !== undefined) setActiveId(id);
      scene.setFocused(sceneKey, id);
    },
    [scene, sceneKey],
  );
  if (pods.length === 0) return null;
  const found = activeId === undefined ? -1 : pods.findIndex((p) => p.id === activeId);
  const active = found >= 0 ? found : 0;

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const next = nextDotIndex(e.key, active, pods.length);
    if (next === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    const pod = pods[next]!;
    setActiveId(pod.id);
    // preventScroll: the graph pans itself; the browser must not scroll React Flow's clipped pane.
    (ref.current?.children[next] as HTMLElement | undefined)?.focus({ preventScroll: true });
  };

  return (
    <div ref={ref} className="kl-dot-buttons" role="group" aria-label={label} onKeyDown={onKeyDown}>
      {pods.map((p, i) => (
        <DotButton key={p.id} id={p.id} name={p.name} status={p.status} tabbable={i === active} onFocusPod={onFocusPod} />
      ))}
    </div>
  );
});

interface DotButtonProps {
  id: string;
  name: string;
  status: string;
  tabbable: boolean;
  /** The pod's button got (its id) or lost (undefined) focus. */
  onFocusPod(id: string | undefined): void;
}

/** No position of its own: it is out of sight, and the dot layer rings the focused pod. */
const DotButton = memo(function DotButton({ id, name, status, tabbable, onFocusPod }: DotButtonProps) {
  return (
    <button
      type="button"
      className="kl-dot-button nodrag nopan"
      tabIndex={tabbable ? 0 : -1}
      aria-label={podLabel({ name, status })}
      onFocus={() => onFocusPod(id)}
      onBlur={() => onFocusPod(undefined)}
      onClick={(e) => {
        e.stopPropagation();
        selectItem(id);
      }}
    />
  );
});

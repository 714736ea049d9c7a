// useGraphFrame derives React Flow's nodes and edges from the store. It listens to the store outside React
// and re-runs the GraphModel when `items` or the ownership toggle change; the graph re-renders only when
// the frame draws differently (a box moved, a node changed status, a pod card changed). In dot view most
// batches change only pods, which the DotScene redraws on the nodes' canvases without any React work.
// A timer re-runs the model once the fading ghosts of deleted pods expire.
import { startTransition, useEffect, useState } from "react";
import { useKubelab } from "../../../state/store";
import { DotScene } from "../model/dotScene";
import { DotPainter, dotAreas } from "../model/dotPainter";
import { GraphModel, type GraphFrame } from "../model/graphModel";

/** Frames that render the same (the graph keeps the older object and React skips the update). */
export function sameView(a: GraphFrame, b: GraphFrame): boolean {
  return a.nodes === b.nodes && a.edges === b.edges && a.lod === b.lod && a.partition.nodes === b.partition.nodes && a.nextExpiry === b.nextExpiry;
}

function newScene(): DotScene {
  return new DotScene({
    now: () => performance.now(),
    schedule: (fn, ms) => {
      const t = setTimeout(fn, ms);
      return () => clearTimeout(t);
    },
  });
}

/** Before the next frame is drawn (a timer where there are no animation frames, e.g. jsdom). */
function beforeNextFrame(fn: () => void): () => void {
  if (typeof requestAnimationFrame === "function") {
    const id = requestAnimationFrame(fn);
    return () => cancelAnimationFrame(id);
  }
  const t = setTimeout(fn, 16);
  return () => clearTimeout(t);
}

export interface GraphPipeline {
  frame: GraphFrame;
  model: GraphModel;
  scene: DotScene;
  painter: DotPainter;
}

export function useGraphFrame(reducedMotion: boolean): GraphPipeline {
  const [{ model, scene, painter }] = useState(() => {
    const scene = newScene();
    return { model: new GraphModel(), scene, painter: new DotPainter(scene, beforeNextFrame) };
  });
  const [frame, setFrame] = useState<GraphFrame>(() => {
    const s = useKubelab.getState();
    return model.update(s.items, s.showOwnership, performance.now(), !reducedMotion);
  });

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const recompute = () => {
      clearTimeout(timer);
      timer = undefined;
      const s = useKubelab.getState();
      // The model is stateful but idempotent for equal inputs, so re-running it for the same items is harmless.
      const f = model.update(s.items, s.showOwnership, performance.now(), !reducedMotion, s.itemChanges);
      if (f.lod === "dots") {
        scene.setLists(f.partition.podsByNode, f.partition.pending);
        painter.setAreas(dotAreas(f.partition, f.layout));
      } else scene.clear();
      const show = () => setFrame((prev) => (sameView(prev, f) ? prev : f));
      // Dot view re-renders rarely but big (the grid growing moves a hundred boxes): as a transition,
      // React renders it in slices, yielding to the browser between them. Card view re-renders with most
      // batches and must not be starved by the next one, so it renders at once.
      if (f.lod === "dots") startTransition(show);
      else show();
      if (f.nextExpiry !== undefined) timer = setTimeout(recompute, Math.max(0, f.nextExpiry - performance.now()) + 10);
    };
    recompute();
    const unsubscribe = useKubelab.subscribe((s, prev) => {
      if (s.items !== prev.items || s.showOwnership !== prev.showOwnership) recompute();
      if (s.selectedId !== prev.selectedId) scene.setSelected(s.selectedId);
    });
    scene.setSelected(useKubelab.getState().selectedId);
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [model, scene, painter, reducedMotion]);

  useEffect(
    () => () => {
      painter.dispose();
      scene.dispose();
    },
    [scene, painter],
  );
  return { frame, model, scene, painter };
}

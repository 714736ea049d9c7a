// Contexts the graph's node components share: whether a pod was just created, so its card plays the
// appear animation once (and not again when it scrolls back into view); and the dot view's live scene,
// which the node canvases draw from.
import { createContext } from "react";
import { DotScene } from "./model/dotScene";

export const FreshContext = createContext<(podId: string) => boolean>(() => false);

/** A scene that never publishes on its own, for a node rendered outside a ClusterGraph (tests). */
const DETACHED = new DotScene({ now: () => 0, schedule: () => () => {} });

export const DotSceneContext = createContext<DotScene>(DETACHED);

// Context the graph's node components share: whether a pod was just created, so its card plays the
// appear animation once (and not again when it scrolls back into view).
import { createContext } from "react";

export const FreshContext = createContext<(podId: string) => boolean>(() => false);

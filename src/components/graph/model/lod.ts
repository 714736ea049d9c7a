// lod picks the level of detail: a handful of nodes shows every pod as a card (name, status, restarts);
// a big cluster shows pods as coloured dots inside their node and aggregates messages. The switch has
// hysteresis so a rolling update that briefly surges past the limit does not flip the view back and forth.
export type Lod = "cards" | "dots";

export const CARD_MAX_NODES = 12;
export const CARD_MAX_PODS = 300;
/** Going back from dots to cards needs this much room under the pod limit. */
export const CARD_RETURN_MARGIN = 30;

export function chooseLod(nodeCount: number, podCount: number, prev?: Lod): Lod {
  const podLimit = prev === "dots" ? CARD_MAX_PODS - CARD_RETURN_MARGIN : CARD_MAX_PODS;
  return nodeCount <= CARD_MAX_NODES && podCount <= podLimit ? "cards" : "dots";
}

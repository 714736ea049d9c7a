// Placeholder: tab completion for the terminal (replaced by the real implementation).
import type { Session } from "../sim/session";

export interface Completion {
  /** Full replacement words for the text from `replaceFrom` to the cursor. */
  candidates: string[];
  replaceFrom: number;
}

export function complete(_session: Session, _line: string, cursor: number): Completion {
  return { candidates: [], replaceFrom: cursor };
}

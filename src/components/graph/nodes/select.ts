// Selection goes through the app store (the inspector shows the selected object).
import { useKubelab } from "../../../state/store";

export function useIsSelected(id: string): boolean {
  return useKubelab((s) => s.selectedId === id);
}

export function selectItem(id: string | undefined): void {
  useKubelab.getState().select(id);
}

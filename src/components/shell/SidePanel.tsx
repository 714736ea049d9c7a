import { useEffect, useRef, type KeyboardEvent, type ReactNode } from "react";
import { ManifestEditor } from "../editor/ManifestEditor";
import { ExperimentPanel } from "../experiments/ExperimentPanel";
import { Inspector } from "../inspector/Inspector";
import { LessonCatalogue } from "../lessons/LessonCatalogue";
import { LessonPanel } from "../lessons/LessonPanel";
import { navigate, useRoute } from "../../state/route";
import { useShell, type SideTab } from "../../state/shell";
import { useKubelab } from "../../state/store";

const TABS: readonly { id: SideTab; label: string }[] = [
  { id: "editor", label: "Editor" },
  { id: "inspector", label: "Inspector" },
  { id: "lesson", label: "Lesson" },
  { id: "experiments", label: "Experiments" },
];

/**
 * The side panel's tabs. Every panel stays mounted (hidden when not shown) so the editor keeps its
 * undo history and a lesson its progress. Routes open their tab; selecting an object opens the Inspector.
 */
export function SidePanel() {
  const tab = useShell((s) => s.sideTab);
  const setTab = useShell((s) => s.setSideTab);
  const route = useRoute();
  const selectedId = useKubelab((s) => s.selectedId);
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});

  useEffect(() => {
    if (route.name === "lessons" || route.name === "lesson") setTab("lesson");
    else if (route.name === "experiments" || route.name === "experiment") setTab("experiments");
  }, [route, setTab]);
  // Selecting an object opens the inspector — but not over a running lesson or experiment, whose text
  // the learner is following (they can open the Inspector tab themselves).
  useEffect(() => {
    if (selectedId === undefined) return;
    const open = useShell.getState().sideTab;
    if (open !== "lesson" && open !== "experiments") setTab("inspector");
  }, [selectedId, setTab]);

  const choose = (id: SideTab) => {
    setTab(id);
    if (id === "lesson" && route.name !== "lesson" && route.name !== "lessons") navigate({ name: "lessons" });
    if (id === "experiments" && route.name !== "experiment" && route.name !== "experiments") navigate({ name: "experiments" });
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const delta = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (delta === 0) return;
    e.preventDefault();
    const next = TABS[(i + delta + TABS.length) % TABS.length]!;
    choose(next.id);
    tabRefs.current[next.id]?.focus();
  };

  return (
    <aside className="side-panel" aria-label="Side panel">
      <div className="tabs" role="tablist" aria-label="Side panel" onKeyDown={onKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              tabRefs.current[t.id] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className="tab"
            onClick={() => choose(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="tab-panels">
        <Panel id="editor" active={tab}>
          <ManifestEditor />
        </Panel>
        <Panel id="inspector" active={tab}>
          <Inspector />
        </Panel>
        <Panel id="lesson" active={tab}>
          {route.name === "lesson" ? <LessonPanel /> : <LessonCatalogue />}
        </Panel>
        <Panel id="experiments" active={tab}>
          <ExperimentPanel />
        </Panel>
      </div>
    </aside>
  );
}

function Panel(props: { id: SideTab; active: SideTab; children: ReactNode }) {
  return (
    <div role="tabpanel" id={`panel-${props.id}`} aria-labelledby={`tab-${props.id}`} className="tab-panel" hidden={props.active !== props.id}>
      {props.children}
    </div>
  );
}

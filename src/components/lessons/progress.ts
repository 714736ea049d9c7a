// Lesson progress, per lesson and step, saved in localStorage so a reload (or a visit next week) picks up
// where the learner was: which lesson is running on the cluster, the step reached in each lesson, the
// steps whose checks passed, and whether the lesson (its quiz) was completed. Anything unreadable in
// storage is ignored, never fatal.
import { create } from "zustand";
import { defaultStorage } from "../../state/persistence";

export const PROGRESS_KEY = "kubelab.lessons.v1";

export interface LessonProgress {
  /** 1-based step last shown (stepCount + 1: the quiz). */
  readonly step: number;
  /** 1-based steps whose checks passed. */
  readonly passed: readonly number[];
  readonly completed: boolean;
}

export interface ProgressData {
  /** The lesson whose starting cluster is the live one (undefined: the learner's own cluster). */
  readonly active?: string;
  readonly lessons: Readonly<Record<string, LessonProgress>>;
}

const EMPTY: ProgressData = { lessons: {} };

function isProgress(v: unknown): v is LessonProgress {
  if (v === null || typeof v !== "object") return false;
  const p = v as Record<string, unknown>;
  return Number.isInteger(p.step) && Array.isArray(p.passed) && p.passed.every((n) => Number.isInteger(n)) && typeof p.completed === "boolean";
}

export function parseProgress(raw: string | null | undefined): ProgressData {
  if (!raw) return EMPTY;
  try {
    const v = JSON.parse(raw) as { active?: unknown; lessons?: unknown };
    const lessons: Record<string, LessonProgress> = {};
    if (v.lessons && typeof v.lessons === "object") for (const [k, p] of Object.entries(v.lessons)) if (isProgress(p)) lessons[k] = p;
    return { ...(typeof v.active === "string" ? { active: v.active } : {}), lessons };
  } catch {
    return EMPTY;
  }
}

function load(storage: Storage | undefined): ProgressData {
  try {
    return parseProgress(storage?.getItem(PROGRESS_KEY));
  } catch {
    return EMPTY;
  }
}

function save(storage: Storage | undefined, data: ProgressData): void {
  try {
    storage?.setItem(PROGRESS_KEY, JSON.stringify(data));
  } catch {
    // Quota or private mode: progress lives for this visit only.
  }
}

export interface ProgressState extends ProgressData {
  /** The lesson whose cluster was replaced during this visit (not saved): its intro says so. */
  readonly lost?: string;
  /** A lesson's cluster was just started: it is the active one, from step 1, nothing passed. */
  startLesson(id: string): void;
  /** The live cluster is no longer the lesson's (reset, another lesson, an experiment). */
  clearActive(): void;
  /** The worker stopped following the active lesson because its cluster was replaced. */
  loseActive(): void;
  setStep(id: string, step: number): void;
  markPassed(id: string, step: number): void;
  complete(id: string): void;
}

const storage = defaultStorage();

function progressOf(d: ProgressData, id: string): LessonProgress {
  return d.lessons[id] ?? { step: 1, passed: [], completed: false };
}

export const useLessonProgress = create<ProgressState>()((set, get) => {
  const update = (id: string, f: (p: LessonProgress) => LessonProgress, active = get().active) => {
    const d = get();
    const next: ProgressData = { ...(active !== undefined ? { active } : {}), lessons: { ...d.lessons, [id]: f(progressOf(d, id)) } };
    save(storage, next);
    set({ active: next.active, lessons: next.lessons });
  };
  return {
    ...load(storage),
    startLesson(id) {
      // A restart keeps "completed": the learner earned it once.
      update(id, (p) => ({ step: 1, passed: [], completed: p.completed }), id);
      set({ lost: undefined });
    },
    clearActive() {
      const d: ProgressData = { lessons: get().lessons };
      save(storage, d);
      set({ active: undefined });
    },
    loseActive() {
      const lost = get().active;
      get().clearActive();
      set({ lost });
    },
    setStep(id, step) {
      update(id, (p) => (p.step === step ? p : { ...p, step }));
    },
    markPassed(id, step) {
      update(id, (p) => (p.passed.includes(step) ? p : { ...p, passed: [...p.passed, step].sort((a, b) => a - b) }));
    },
    complete(id) {
      update(id, (p) => ({ ...p, completed: true }));
    },
  };
});

/** Share of a lesson done, 0..1: passed steps, and the quiz as one more. */
export function fractionDone(p: LessonProgress | undefined, stepCount: number): number {
  if (!p) return 0;
  if (p.completed) return 1;
  return Math.min(1, p.passed.filter((n) => n >= 1 && n <= stepCount).length / (stepCount + 1));
}

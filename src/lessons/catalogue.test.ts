import { describe, expect, it } from "vitest";
import { savedStateProblem } from "../engine/host/savedState";
import { SPEED_MAX, SPEED_MIN } from "../engine/protocol";
import { findLesson, LESSONS } from "./catalogue";
import { startingState } from "./start";

describe("the curriculum", () => {
  it("has the 16 lessons of issue 7, numbered in order, with unique URL-safe ids", () => {
    expect(LESSONS.map((l) => l.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    const ids = LESSONS.map((l) => l.id);
    expect(new Set(ids).size).toBe(16);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+$/);
    expect(findLesson("self-healing")?.number).toBe(3);
  });

  it("names only earlier lessons as prerequisites", () => {
    for (const l of LESSONS) for (const p of l.prerequisites) expect(findLesson(p)?.number ?? 99, `${l.id} needs ${p}`).toBeLessThan(l.number);
  });

  it("gives every step text, something to do, a check explanation, a hint and a show-me", () => {
    for (const l of LESSONS) {
      expect(l.steps.length, l.id).toBeGreaterThanOrEqual(3);
      expect(l.minutes).toBeGreaterThan(0);
      for (const s of l.steps) {
        const where = `${l.id}: ${s.title}`;
        expect(s.text.trim().length, where).toBeGreaterThan(40);
        expect(s.todo.trim().length, where).toBeGreaterThan(5);
        expect(s.check.waitingFor.trim().length, where).toBeGreaterThan(5);
        expect(s.hints.length, where).toBeGreaterThanOrEqual(1);
        expect((s.showMe.files?.length ?? 0) + (typeof s.showMe.lines === "function" ? 1 : (s.showMe.lines?.length ?? 0)), where).toBeGreaterThan(0);
        if (s.speed !== undefined) expect(s.speed >= SPEED_MIN && s.speed <= SPEED_MAX, where).toBe(true);
      }
    }
  });

  it("keeps text lines short enough for the side panel (no long unbreakable code)", () => {
    for (const l of LESSONS)
      for (const s of l.steps) {
        for (const m of `${s.text}\n${s.todo}`.matchAll(/`([^`\n]+)`/g)) {
          // Inline code wraps only at spaces: a single long token would need horizontal scrolling.
          for (const token of m[1]!.split(" ")) expect(token.length, `${l.id}/${s.title}: ${token}`).toBeLessThanOrEqual(48);
        }
        for (const block of s.text.matchAll(/```\n([\s\S]*?)```/g)) for (const line of block[1]!.split("\n")) expect(line.length, `${l.id}/${s.title}`).toBeLessThanOrEqual(60);
      }
  });

  it("turns each starting cluster into a saved state the engine accepts", () => {
    for (const l of LESSONS) {
      const s = startingState(l);
      expect(savedStateProblem(s), l.id).toBeUndefined();
      expect(s.journal.filter((e) => e.op === "run").map((e) => (e.op === "run" ? e.line : ""))).toEqual([...l.start.setup]);
    }
  });
});

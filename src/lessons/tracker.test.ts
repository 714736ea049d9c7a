import { describe, expect, it } from "vitest";
import { Cluster } from "../engine/sim/cluster";
import { defaultClusterConfig } from "../engine/sim/clusterConfig";
import { Session } from "../engine/sim/session";
import { audited, eventsWith, learnerRead } from "./checks";
import { LessonTracker } from "./tracker";
import type { Lesson, LessonStep } from "./types";

function step(over: Partial<LessonStep>): LessonStep {
  return { title: "t", text: "x", todo: "y", hints: [], showMe: {}, check: { waitingFor: "w", test: () => false }, ...over };
}

function lessonOf(steps: LessonStep[]): Lesson {
  return { id: "t", number: 99, title: "T", goal: "g", minutes: 1, prerequisites: [], start: { seed: 1, nodes: 1, setup: [], files: [] }, steps, quiz: { ask: () => ({ question: "q", choices: ["a", "b"], answer: 0, explanation: "" }) } };
}

function cluster(): { c: Cluster; s: Session } {
  const c = new Cluster(defaultClusterConfig({ seed: 1, workers: 1 }));
  return { c, s: new Session(c) };
}

describe("LessonTracker", () => {
  it("shows a check only what happened after its step began", () => {
    const { c, s } = cluster();
    s.run("kubectl get nodes");
    const t = new LessonTracker(lessonOf([step({ check: { waitingFor: "nodes listed", test: (ctx) => learnerRead(ctx, "nodes") } })]), c);
    expect(t.evaluate().passed).toBe(false);
    s.run("kubectl get nodes");
    expect(t.evaluate().passed).toBe(true);
    t.dispose();
  });

  it("counts an event as new when its count goes up after the step began", () => {
    const { c, s } = cluster();
    const t = new LessonTracker(lessonOf([step({ check: { waitingFor: "a ScalingReplicaSet event", test: (ctx) => eventsWith(ctx, "ScalingReplicaSet").length > 0 } })]), c);
    expect(t.evaluate().passed).toBe(false);
    s.run("kubectl create deployment web --image=nginx:1.27");
    c.advance(5_000);
    expect(t.evaluate().passed).toBe(true);
    t.dispose();
  });

  it("latches a pass until another step begins", () => {
    const { c, s } = cluster();
    const exists = step({ check: { waitingFor: "a ConfigMap", test: (ctx) => ctx.get("configmaps", "default", "a") !== undefined } });
    const t = new LessonTracker(lessonOf([exists, exists]), c);
    s.run("kubectl create configmap a --from-literal=k=v");
    expect(t.evaluate().passed).toBe(true);
    s.run("kubectl delete configmap a");
    expect(t.evaluate().passed).toBe(true);
    t.begin(1);
    expect(t.evaluate().passed).toBe(false);
    t.dispose();
  });

  it("reports a check that throws as not passed, with its message", () => {
    const { c } = cluster();
    const t = new LessonTracker(lessonOf([step({ check: { waitingFor: "w", test: () => { throw new Error("no spec"); } } })]), c);
    expect(t.evaluate()).toEqual({ passed: false, error: "no spec" });
    t.dispose();
  });

  it("gives each step a fresh memo filled by its begin", () => {
    const { c, s } = cluster();
    const t = new LessonTracker(
      lessonOf([
        step({
          check: {
            waitingFor: "the node count to change",
            begin: (ctx) => {
              ctx.memo.nodes = ctx.list("nodes").length;
            },
            test: (ctx) => ctx.list("nodes").length !== ctx.memo.nodes,
          },
        }),
      ]),
      c,
    );
    expect(t.evaluate().passed).toBe(false);
    s.run("sim node add node-9");
    expect(t.evaluate().passed).toBe(true);
    t.dispose();
  });

  it("stops recording once disposed", () => {
    const { c, s } = cluster();
    let seen = 0;
    const t = new LessonTracker(lessonOf([step({ check: { waitingFor: "w", test: (ctx) => ((seen = audited(ctx, { resource: "pods", verb: "list" }).length), false) } })]), c);
    t.dispose();
    s.run("kubectl get pods");
    t.evaluate();
    expect(seen).toBe(0);
  });
});

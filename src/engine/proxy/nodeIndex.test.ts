// NodeIndex reads whether a node's machine runs once per traffic tick, through the agent (kubelet) its
// rows last read, or by name when none is known.
import { describe, expect, it } from "vitest";
import { NodeIndex } from "./nodeIndex";

describe("NodeIndex", () => {
  it("numbers nodes in the order they are first seen", () => {
    const nodes = new NodeIndex(() => true);
    expect([nodes.id("node-2"), nodes.id("node-1"), nodes.id("node-2")]).toEqual([0, 1, 0]);
    for (let i = 0; i < 200; i++) nodes.id(`n${i}`);
    expect(nodes.id("n199")).toBe(201);
    expect(nodes.isUp(201)).toBe(true);
  });

  it("keeps a machine's state for the tick and reads it again the next", () => {
    const agent = { alive: true };
    const nodes = new NodeIndex(() => false);
    const id = nodes.id("node-1");
    nodes.setAgent(id, agent);
    expect(nodes.isUp(id)).toBe(true);
    agent.alive = false;
    expect(nodes.isUp(id)).toBe(true);
    nodes.nextTick();
    expect(nodes.isUp(id)).toBe(false);
  });

  it("asks by name for a node without an agent, and again when a row brings one", () => {
    const up = new Set(["node-1"]);
    const nodes = new NodeIndex((n) => up.has(n));
    const a = nodes.id("node-1");
    const b = nodes.id("node-2");
    expect([nodes.isUp(a), nodes.isUp(b)]).toEqual([true, false]);
    nodes.setAgent(b, { alive: true });
    expect(nodes.isUp(b)).toBe(true);
  });
});

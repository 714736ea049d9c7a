import { describe, expect, it } from "vitest";
import { parseRoute, routeHash, type Route } from "./route";

describe("hash routes", () => {
  it("reads every route of the page", () => {
    expect(parseRoute("")).toEqual({ name: "home" });
    expect(parseRoute("#/")).toEqual({ name: "home" });
    expect(parseRoute("#/lessons")).toEqual({ name: "lessons" });
    expect(parseRoute("#/lessons/")).toEqual({ name: "lessons" });
    expect(parseRoute("#/lessons/first-pod/3")).toEqual({ name: "lesson", id: "first-pod", step: "3" });
    expect(parseRoute("#/lessons/first-pod")).toEqual({ name: "lesson", id: "first-pod", step: "1" });
    expect(parseRoute("#/experiments")).toEqual({ name: "experiments" });
    expect(parseRoute("#/experiments/node-failure")).toEqual({ name: "experiment", id: "node-failure" });
    expect(parseRoute("#/share/abc_-1")).toEqual({ name: "share", data: "abc_-1" });
    expect(parseRoute("#/nowhere/at/all")).toEqual({ name: "home" });
    expect(parseRoute("#/lessons/%E2%9C%93/%")).toEqual({ name: "lesson", id: "✓", step: "%" });
  });

  it("writes hashes that read back as the same route", () => {
    const routes: Route[] = [
      { name: "home" },
      { name: "lessons" },
      { name: "lesson", id: "services and dns", step: "2" },
      { name: "experiments" },
      { name: "experiment", id: "kill-a-node" },
      { name: "share", data: "AbC-_9" },
    ];
    for (const r of routes) expect(parseRoute(routeHash(r))).toEqual(r);
  });
});

import { describe, expect, it } from "vitest";
import { makePod } from "../testing/wrappers";
import { labelSelectorAsSelector, Selector, selectorFromSet } from "./labels";
import { affinityTermMatches, PodInfo } from "./podInfo";

describe("scheduler label selectors", () => {
  it("nil selects nothing, {} selects everything, invalid selects nothing", () => {
    expect(labelSelectorAsSelector(undefined).matches({ a: "b" })).toBe(false);
    expect(labelSelectorAsSelector({}).matches({ a: "b" })).toBe(true);
    expect(labelSelectorAsSelector({}).empty()).toBe(true);
    expect(Selector.NOTHING.empty()).toBe(false);
    expect(labelSelectorAsSelector({ matchExpressions: [{ key: "a", operator: "Bogus" as never }] }).nothing).toBe(true);
  });

  it("gives equal canonical keys to equivalent selectors", () => {
    const a = labelSelectorAsSelector({ matchLabels: { app: "web", tier: "fe" } });
    const b = selectorFromSet({ tier: "fe", app: "web" });
    expect(a.canonical).toBe(b.canonical);
    expect(a.canonical).not.toBe(selectorFromSet({ app: "web" }).canonical);
  });

  it("merges matchLabelKeys / mismatchLabelKeys into pod affinity terms (key In / NotIn the pod's value)", () => {
    const pod = new PodInfo(
      makePod("p", {
        labels: { app: "web", "pod-template-hash": "abc" },
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: { app: "web" } }, matchLabelKeys: ["pod-template-hash"] }],
          },
        },
      }),
    );
    const term = pod.requiredAntiAffinityTerms[0]!;
    const same = new PodInfo(makePod("a", { labels: { app: "web", "pod-template-hash": "abc" } }));
    const oldRev = new PodInfo(makePod("b", { labels: { app: "web", "pod-template-hash": "xyz" } }));
    const otherNs = new PodInfo(makePod("c", { namespace: "other", labels: { app: "web", "pod-template-hash": "abc" } }));
    expect(affinityTermMatches(term, same, undefined)).toBe(true);
    expect(affinityTermMatches(term, oldRev, undefined)).toBe(false);
    expect(affinityTermMatches(term, otherNs, undefined)).toBe(false);
  });
});

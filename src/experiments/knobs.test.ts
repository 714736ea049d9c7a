import { describe, expect, it } from "vitest";
import { findExperiment } from "./catalogue";
import { KnobError, parseSettings, resolveKnobs } from "./knobs";

describe("knobs", () => {
  const exp = findExperiment("kill-node")!;

  it("start from the defaults and take --set values", () => {
    const { values, text } = resolveKnobs(exp, { tolerationSeconds: "30", spread: "on", nodeMonitorGracePeriod: "40s" });
    expect(values).toMatchObject({ replicas: 3, tolerationSeconds: 30, spread: true, antiAffinity: false, nodeMonitorGracePeriod: 40_000, trafficRate: 100 });
    expect(text.tolerationSeconds).toBe("30");
    expect(resolveKnobs(exp, { nodeMonitorGracePeriod: "90" }).values.nodeMonitorGracePeriod).toBe(90_000);
  });

  it("reject unknown keys and out-of-range or malformed values", () => {
    expect(() => resolveKnobs(exp, { replica: "2" })).toThrow(new KnobError('unknown knob "replica" for experiment kill-node: use replicas, tolerationSeconds, spread, antiAffinity, nodeMonitorGracePeriod, trafficRate'));
    expect(() => resolveKnobs(exp, { replicas: "0" })).toThrow("replicas must be at least 1");
    expect(() => resolveKnobs(exp, { replicas: "two" })).toThrow('invalid value "two" for replicas: a whole number is needed');
    expect(() => resolveKnobs(exp, { nodeMonitorGracePeriod: "5s" })).toThrow("nodeMonitorGracePeriod must be at least 15s");
    expect(() => resolveKnobs(exp, { spread: "maybe" })).toThrow('invalid value "maybe" for spread: use true or false');
  });

  it("parse key=value settings, comma-separated or repeated", () => {
    expect(parseSettings(["replicas=5,spread=true", "tolerationSeconds=30"])).toEqual({ replicas: "5", spread: "true", tolerationSeconds: "30" });
    expect(() => parseSettings(["replicas"])).toThrow('invalid setting "replicas": use key=value');
  });

  it("change the manifests the experiment applies", () => {
    const plan = exp.plan(resolveKnobs(exp, { tolerationSeconds: "30", spread: "true", replicas: "4" }).values);
    const web = plan.files["web.yaml"]!;
    expect(web).toContain("replicas: 4");
    expect(web).toContain("- key: node.kubernetes.io/unreachable\n        operator: Exists\n        effect: NoExecute\n        tolerationSeconds: 30");
    expect(web).toContain("topologyKey: kubernetes.io/hostname\n        whenUnsatisfiable: DoNotSchedule");
    // The admission default (300) is left to the DefaultTolerationSeconds plugin.
    expect(exp.plan(resolveKnobs(exp).values).files["web.yaml"]).not.toContain("tolerations:");
  });
});

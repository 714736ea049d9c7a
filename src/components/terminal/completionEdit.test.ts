import { describe, expect, it } from "vitest";
import { applyCompletion, commonPrefix } from "./completionEdit";

describe("applyCompletion", () => {
  it("replaces the word with a lone candidate and adds a space", () => {
    expect(applyCompletion("kubectl ro", 10, ["rollout"], 8)).toEqual({ line: "kubectl rollout ", cursor: 16, list: [] });
  });

  it("adds no space after TYPE/ or --flag=, where the word goes on", () => {
    expect(applyCompletion("kubectl get dep", 15, ["deployments.apps/"], 12)).toEqual({ line: "kubectl get deployments.apps/", cursor: 29, list: [] });
    expect(applyCompletion("kubectl get --namespace=kube-s", 30, ["--namespace=kube-system"], 12).line).toBe("kubectl get --namespace=kube-system ");
  });

  it("completes in the middle of a line without doubling the space after it", () => {
    expect(applyCompletion("kubectl ge pods", 10, ["get"], 8)).toEqual({ line: "kubectl get pods", cursor: 12, list: [] });
  });

  it("extends to the common prefix of several, or lists them when that adds nothing", () => {
    expect(applyCompletion("kubectl get p", 13, ["pods", "podtemplates"], 12)).toEqual({ line: "kubectl get pod", cursor: 15, list: [] });
    expect(applyCompletion("kubectl get pod", 15, ["pods", "podtemplates"], 12)).toEqual({ line: "kubectl get pod", cursor: 15, list: ["pods", "podtemplates"] });
    expect(applyCompletion("kubectl get x", 13, [], 12)).toEqual({ line: "kubectl get x", cursor: 13, list: [] });
  });

  it("commonPrefix", () => {
    expect(commonPrefix(["node-1", "node-2", "node-10"])).toBe("node-");
    expect(commonPrefix([])).toBe("");
    expect(commonPrefix(["a", "b"])).toBe("");
  });
});

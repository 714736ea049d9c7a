import { describe, expect, it } from "vitest";
import { looksLikeManifest, nameForManifest, openFiles, uniqueName } from "./controls";
import { useShell } from "./shell";
import { useKubelab } from "./store";

const WEB = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n";

describe("shell controls", () => {
  it("names pasted manifests after their object", () => {
    expect(looksLikeManifest(WEB)).toBe(true);
    expect(looksLikeManifest("hello world")).toBe(false);
    expect(nameForManifest(WEB)).toBe("web.yaml");
    expect(nameForManifest("apiVersion: v1\nkind: List\n")).toBe("pasted.yaml");
  });

  it("never overwrites a tab: a clash gets a numbered name", () => {
    expect(uniqueName("web.yaml", new Set())).toBe("web.yaml");
    expect(uniqueName("web.yaml", new Set(["web.yaml", "web-2.yaml"]))).toBe("web-3.yaml");
    expect(uniqueName("Makefile", new Set(["Makefile"]))).toBe("Makefile-2");
  });

  it("opens files as editor tabs and shows the editor", () => {
    useKubelab.getState().setFiles([{ name: "web.yaml", text: "old" }], "web.yaml");
    useShell.getState().setSideTab("inspector");
    openFiles([
      { name: "web.yaml", text: WEB },
      { name: "svc.yaml", text: "kind: Service" },
    ]);
    const s = useKubelab.getState();
    expect(s.files.map((f) => f.name)).toEqual(["web.yaml", "web-2.yaml", "svc.yaml"]);
    expect(s.activeFile).toBe("svc.yaml");
    expect(useShell.getState().sideTab).toBe("editor");
    // The same file again just focuses it.
    openFiles([{ name: "web-2.yaml", text: WEB }]);
    expect(useKubelab.getState().files).toHaveLength(3);
    expect(useKubelab.getState().activeFile).toBe("web-2.yaml");
  });
});

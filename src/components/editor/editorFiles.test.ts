import { describe, expect, it } from "vitest";
import { activeFile, closeFile, nameProblem, newFile, openFile, renameFile, setText, uniqueName } from "./editorFiles";

const f = (name: string, text = "") => ({ name, text });

describe("editor files", () => {
  it("edits an empty default file until there is a real one", () => {
    expect(activeFile([], "")).toEqual({ name: "manifest.yaml", text: "" });
    expect(setText([], "manifest.yaml", "kind: Pod")).toEqual([f("manifest.yaml", "kind: Pod")]);
    expect(activeFile([f("a.yaml"), f("b.yaml")], "b.yaml").name).toBe("b.yaml");
    expect(activeFile([f("a.yaml")], "gone.yaml").name).toBe("a.yaml");
  });

  it("makes unique names", () => {
    expect(uniqueName([f("web.yaml")], "web.yaml")).toBe("web-2.yaml");
    expect(uniqueName([f("web.yaml"), f("web-2.yaml")], "web.yaml")).toBe("web-3.yaml");
    expect(uniqueName([f("Dockerfile")], "Dockerfile")).toBe("Dockerfile-2");
    expect(newFile([f("untitled-2.yaml")])).toEqual({ files: [f("untitled-2.yaml"), f("untitled-3.yaml")], active: "untitled-3.yaml" });
  });

  it("opens text in a new tab, reusing an identical one", () => {
    expect(openFile([f("web.yaml", "a")], "web.yaml", "a")).toEqual({ files: [f("web.yaml", "a")], active: "web.yaml" });
    expect(openFile([f("web.yaml", "a")], "web.yaml", "b")).toEqual({ files: [f("web.yaml", "a"), f("web-2.yaml", "b")], active: "web-2.yaml" });
  });

  it("renames and refuses bad names", () => {
    expect(renameFile([f("a.yaml", "x")], "a.yaml", "a.yaml", "b.yaml")).toEqual({ files: [f("b.yaml", "x")], active: "b.yaml" });
    expect(nameProblem([f("a.yaml"), f("b.yaml")], "a.yaml", "b.yaml")).toBe("A file named b.yaml is already open.");
    expect(nameProblem([f("a.yaml")], "a.yaml", "")).toBe("A file needs a name.");
    expect(nameProblem([f("a.yaml")], "a.yaml", "dir/x.yaml")).toBe("A file name cannot contain / or \\.");
    expect(nameProblem([f("a.yaml")], "a.yaml", "a.yaml")).toBeUndefined();
  });

  it("closes a tab and activates its left neighbour", () => {
    const files = [f("a.yaml"), f("b.yaml"), f("c.yaml")];
    expect(closeFile(files, "b.yaml", "b.yaml")).toEqual({ files: [f("a.yaml"), f("c.yaml")], active: "a.yaml" });
    expect(closeFile(files, "a.yaml", "a.yaml").active).toBe("b.yaml");
    expect(closeFile(files, "c.yaml", "a.yaml").active).toBe("c.yaml");
    expect(closeFile([f("a.yaml")], "a.yaml", "a.yaml")).toEqual({ files: [], active: "" });
  });
});

// Expected texts from kubectl pkg/cmd/create/create_configmap.go and pkg/util (ParseLiteralSource,
// ParseFileSource): "configmap/x created", the literal/file source errors and the duplicate-key error.
import { describe, expect, it } from "vitest";
import { TestCluster } from "../util/testCluster";

describe("kubectl create configmap", () => {
  it("from literals (configure-pod-configmap.md: special-config)", () => {
    const c = new TestCluster();
    expect(c.run("create configmap special-config --from-literal=special.how=very --from-literal=special.type=charm")).toEqual({ out: "configmap/special-config created\n", err: "", code: 0 });
    expect(c.get("configmaps", "default", "special-config")?.data).toEqual({ "special.how": "very", "special.type": "charm" });
    expect(c.run("create cm x --from-literal=a=b=c").code).toBe(0);
    expect(c.get("configmaps", "default", "x")?.data).toEqual({ a: "b=c" });
  });

  it("from files and directories: the base name is the key unless one is given", () => {
    const c = new TestCluster();
    c.files.set("configure-pod-container/configmap/game.properties", "enemies=aliens\nlives=3\n");
    c.files.set("configure-pod-container/configmap/ui.properties", "color.good=purple\n");
    expect(c.run("create configmap game-config --from-file=configure-pod-container/configmap/").out).toBe("configmap/game-config created\n");
    expect(Object.keys(c.get("configmaps", "default", "game-config")?.data ?? {})).toEqual(["game.properties", "ui.properties"]);
    expect(c.run("create configmap game-config-3 --from-file=game-special-key=configure-pod-container/configmap/game.properties").code).toBe(0);
    expect(c.get("configmaps", "default", "game-config-3")?.data).toEqual({ "game-special-key": "enemies=aliens\nlives=3\n" });
    c.files.set("env/game-env-file.properties", "# comment\nenemies=aliens\nlives=3\nallowed=\"true\"\n");
    expect(c.run("create configmap game-config-env-file --from-env-file=env/game-env-file.properties").code).toBe(0);
    expect(c.get("configmaps", "default", "game-config-env-file")?.data).toEqual({ allowed: '"true"', enemies: "aliens", lives: "3" });
  });

  it("reports bad sources and keys as kubectl does", () => {
    const c = new TestCluster();
    expect(c.run("create configmap x --from-literal=novalue").err).toBe("error: invalid literal source novalue, expected key=value\n");
    expect(c.run("create configmap x --from-literal=a=1 --from-literal=a=2").err).toBe('error: cannot add key "a", another key by that name already exists in Data for ConfigMap "x"\n');
    expect(c.run("create configmap x --from-literal=a/b=1").err).toMatch(/^error: "a\/b" is not a valid key name for a ConfigMap: a valid config key must consist of alphanumeric characters/);
    expect(c.run("create configmap x --from-file=missing.txt").err).toBe("error: error reading missing.txt: no such file or directory\n");
    expect(c.run("create configmap x --from-file==p").err).toBe("error: key name for file path p missing\n");
    expect(c.run("create configmap x --from-env-file=e --from-literal=a=b").err).toBe("error: from-env-file cannot be combined with from-file or from-literal\n");
    expect(c.run("create configmap").err).toMatch(/^error: exactly one NAME is required, got 0\n/);
    c.run("create configmap dup --from-literal=a=1");
    expect(c.run("create configmap dup --from-literal=a=1").err).toBe('error: failed to create configmap: configmaps "dup" already exists\n');
  });

  it("prints -o yaml and client dry runs without creating", () => {
    const c = new TestCluster();
    expect(c.run("create configmap d --from-literal=k=v --dry-run=client").out).toBe("configmap/d created (dry run)\n");
    expect(c.get("configmaps", "default", "d")).toBeUndefined();
    expect(c.run("create configmap y --from-literal=k=v -o yaml").out).toContain("data:\n  k: v\n");
  });
});

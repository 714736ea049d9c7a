// kubectl v1.34.0 prints (kubectl pkg/cmd/version/version.go, default output since v1.28):
//   Client Version: v1.34.0 / Kustomize Version: v5.7.1 / Server Version: v1.34.0
import { describe, expect, it } from "vitest";
import { TestCluster } from "../util/testCluster";

describe("kubectl version", () => {
  it("prints client, kustomize and server versions", () => {
    const c = new TestCluster();
    expect(c.run("version")).toEqual({ out: "Client Version: v1.34.0\nKustomize Version: v5.7.1\nServer Version: v1.34.0\n", err: "", code: 0 });
    expect(c.run("version --client").out).toBe("Client Version: v1.34.0\nKustomize Version: v5.7.1\n");
  });

  it("prints JSON with the release's version info", () => {
    const c = new TestCluster();
    const doc = JSON.parse(c.run("version -o json").out);
    expect(doc.clientVersion.gitVersion).toBe("v1.34.0");
    expect(doc.kustomizeVersion).toBe("v5.7.1");
    expect(doc.serverVersion.gitCommit).toBe("f28b4c9efbca5c5c0af716d9f2d5702667ee8a45");
    expect(c.run("version -o wide").err).toBe("error: --output must be 'yaml' or 'json'\n");
  });

  it("cannot reach a stopped API server", () => {
    const c = new TestCluster();
    c.api.available = false;
    expect(c.run("version")).toEqual({
      out: "Client Version: v1.34.0\nKustomize Version: v5.7.1\n",
      err: "The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?\n",
      code: 1,
    });
  });
});

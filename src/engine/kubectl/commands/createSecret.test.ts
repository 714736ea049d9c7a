// Expected texts from kubectl pkg/cmd/create/create_secret.go: "secret/x created", values base64-encoded
// into data (docs: distribute-credentials-secure.md uses --from-literal), the secret-specific errors.
import { describe, expect, it } from "vitest";
import { Cluster } from "../../sim/cluster";
import { defaultClusterConfig } from "../../sim/clusterConfig";
import { Session } from "../../sim/session";
import { TestCluster } from "../util/testCluster";

describe("kubectl create secret generic", () => {
  it("encodes literal values into data (an Opaque secret once the server defaults it)", () => {
    const c = new TestCluster();
    expect(c.run("create secret generic test-secret --from-literal=username=my-app --from-literal=password=39528$vdg7Jb")).toEqual({ out: "secret/test-secret created\n", err: "", code: 0 });
    const s = c.get("secrets", "default", "test-secret")!;
    expect(s.data).toEqual({ username: "bXktYXBw", password: "Mzk1MjgkdmRnN0pi" });
    expect(s.type).toBe("Opaque");
    expect(c.run("create secret generic t2 --type=kubernetes.io/basic-auth --from-literal=username=admin").code).toBe(0);
    expect(c.get("secrets", "default", "t2")?.type).toBe("kubernetes.io/basic-auth");
  });

  it("reads files (ssh keys) and reports secret-specific errors", () => {
    const c = new TestCluster();
    c.files.set("id_rsa", "PRIVATE");
    expect(c.run("create secret generic ssh-key-secret --from-file=ssh-privatekey=id_rsa").code).toBe(0);
    expect(c.get("secrets", "default", "ssh-key-secret")?.data).toEqual({ "ssh-privatekey": "UFJJVkFURQ==" });
    expect(c.run("create secret generic x --from-literal=a=1 --from-literal=a=2").err).toBe("error: cannot add key a, another key by that name already exists\n");
    c.run("create secret generic dup --from-literal=a=1");
    expect(c.run("create secret generic dup --from-literal=a=1").err).toBe('error: failed to create secret secrets "dup" already exists\n');
  });

  // managing-secret-using-kubectl.md: the single-quoted password S!B\*d$zDsb= is UyFCXCpkJHpEc2I9.
  it("`kubectl get secret -o yaml` shows base64, not the value: encoded, not encrypted", () => {
    const cluster = new Cluster(defaultClusterConfig({ seed: 1, workers: 1 }));
    const s = new Session(cluster);
    expect(s.run("kubectl create secret generic db-user-pass --from-literal=username=admin --from-literal=password='S!B\\*d$zDsb='").out).toBe("secret/db-user-pass created\n");
    const yaml = s.run("kubectl get secret db-user-pass -o yaml").out;
    expect(yaml).toContain("data:\n  password: UyFCXCpkJHpEc2I9\n  username: YWRtaW4=\n");
    expect(yaml).toContain("type: Opaque\n");
    expect(yaml).not.toContain("admin\n");
  });
});

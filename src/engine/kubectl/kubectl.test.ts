// The dispatcher: cobra's command lookup and suggestions, pflag errors with kubectl's FlagErrorFunc,
// help, and the guarantee that nothing thrown escapes. Expected texts come from cobra (command.go
// findSuggestions/legacyArgs), kubectl templates.go (FlagErrorFunc) and cmdutil.CheckErr.
import { describe, expect, it } from "vitest";
import { runKubectl } from "./kubectl";
import { TestCluster } from "./util/testCluster";

describe("runKubectl", () => {
  it("suggests close commands for an unknown one (cobra: Levenshtein ≤ 2 or prefix)", () => {
    const c = new TestCluster();
    expect(c.run("delet pod x")).toEqual({
      out: "",
      err: 'error: unknown command "delet" for "kubectl"\n\nDid you mean this?\n\tdelete\n',
      code: 1,
    });
    expect(c.run("scal deploy x")).toEqual({
      out: "",
      err: 'error: unknown command "scal" for "kubectl"\n\nDid you mean this?\n\tscale\n',
      code: 1,
    });
    expect(c.run("rm pod x").err).toBe('error: unknown command "rm" for "kubectl"\n\nDid you mean this?\n\tdelete\n');
    expect(c.run("frobnicate").err).toBe('error: unknown command "frobnicate" for "kubectl"\n');
  });

  it("finds the command after global flags and their values", () => {
    const c = new TestCluster();
    expect(c.run("-n kube-system version --client")).toEqual({ out: "Client Version: v1.34.0\nKustomize Version: v5.7.1\n", err: "", code: 0 });
    expect(c.run("--namespace=kube-system version --client").code).toBe(0);
  });

  it("words flag errors as kubectl's FlagErrorFunc does", () => {
    const c = new TestCluster();
    expect(c.run("delete pods --foo")).toEqual({ out: "", err: "error: unknown flag: --foo\nSee 'kubectl delete --help' for usage.\n", code: 1 });
    expect(c.run("delete pods -z").err).toBe("error: unknown shorthand flag: 'z' in -z\nSee 'kubectl delete --help' for usage.\n");
    expect(c.run("scale deploy x --replicas=abc").err).toBe(
      'error: invalid argument "abc" for "--replicas" flag: strconv.ParseInt: parsing "abc": invalid syntax\nSee \'kubectl scale --help\' for usage.\n',
    );
    expect(c.run("--foo").err).toBe("error: unknown flag: --foo\nSee 'kubectl --help' for usage.\n");
  });

  it("prints the root help for `kubectl`, `kubectl help` and `kubectl --help`", () => {
    const c = new TestCluster();
    const help = c.run("");
    expect(help.code).toBe(0);
    expect(help.out.startsWith("kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\n")).toBe(true);
    expect(help.out).toContain("\n  api-resources   Print the supported API resources on the server\n");
    expect(help.out).toContain("\n  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector\n");
    expect(help.out.endsWith('Use "kubectl options" for a list of global command-line options (applies to all commands).\n')).toBe(true);
    expect(c.run("help")).toEqual(help);
    expect(c.run("--help")).toEqual(help);
  });

  it("prints a command's help for --help and `help <command>`", () => {
    const c = new TestCluster();
    const r = c.run("scale --help");
    expect(r.code).toBe(0);
    expect(r.out.startsWith("Set a new size for a deployment, replica set, or replication controller\n")).toBe(true);
    expect(c.run("help scale")).toEqual(r);
  });

  it("names real kubectl commands that are not simulated instead of calling them unknown", () => {
    const c = new TestCluster();
    const r = c.run("exec -it nginx -- sh");
    expect(r.code).toBe(1);
    expect(r.err).toBe('error: "kubectl exec" is a kubectl command that Kubelab does not simulate yet\n');
  });

  it("never lets an exception escape, and ends every stream with a newline", () => {
    const c = new TestCluster();
    c.api.available = false;
    const r = runKubectl(c.env, ["delete", "pod", "x"]);
    expect(r).toEqual({ out: "", err: "The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?\n", code: 1 });
  });
});

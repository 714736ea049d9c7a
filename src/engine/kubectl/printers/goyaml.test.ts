import { describe, expect, it } from "vitest";
import { goYAMLKeyLess, goYAMLMarshal } from "./goyaml";
import { goFormatFloatG } from "./goyamlScalar";

// Cases from sigs.k8s.io/yaml goyaml.v2/encode_test.go (marshalTests, TestLineWrapping, TestSortedOutput)
// limited to what JSON can express: kubectl converts the object to JSON first.
describe("goYAMLMarshal (goyaml.v2 marshalTests)", () => {
  it.each([
    [{ v: "hi" }, "v: hi\n"],
    [{ v: "true" }, 'v: "true"\n'],
    [{ v: "false" }, 'v: "false"\n'],
    [{ v: true }, "v: true\n"],
    [{ v: false }, "v: false\n"],
    [{ v: 10 }, "v: 10\n"],
    [{ v: -10 }, "v: -10\n"],
    [{ v: 4294967296 }, "v: 4294967296\n"],
    [{ v: "10" }, 'v: "10"\n'],
    [{ v: 0.1 }, "v: 0.1\n"],
    [{ v: -0.1 }, "v: -0.1\n"],
    [{ v: null }, "v: null\n"],
    [{ v: "" }, 'v: ""\n'],
    [{ v: ["A", "B"] }, "v:\n- A\n- B\n"],
    [{ v: ["A", "B\nC"] }, "v:\n- A\n- |-\n  B\n  C\n"],
    [{ v: ["A", 1, { B: [2, 3] }] }, "v:\n- A\n- 1\n- B:\n  - 2\n  - 3\n"],
    [{ a: { b: "c" } }, "a:\n  b: c\n"],
    [{ a: "-" }, "a: '-'\n"],
    [{}, "{}\n"],
    [{ a: "<foo>" }, "a: <foo>\n"],
    [{ a: "1:1" }, 'a: "1:1"\n'],
    [{ a: "\u0000" }, 'a: "\\0"\n'],
    [{ a: "你好" }, "a: 你好\n"],
    [{ a: "2015-02-24T18:19:39Z" }, 'a: "2015-02-24T18:19:39Z"\n'],
    [{ a: "b: c" }, "a: 'b: c'\n"],
    [{ a: "Hello #comment" }, "a: 'Hello #comment'\n"],
    [{ a: "你好 #comment" }, "a: '你好 #comment'\n"],
    [{ data: { A1: "0x0000000000000000000000010000000000000000", A3: "1234", A6: 1234 } }, 'data:\n  A1: "0x0000000000000000000000010000000000000000"\n  A3: "1234"\n  A6: 1234\n'],
  ])("%j", (value, want) => {
    expect(goYAMLMarshal(value)).toBe(want);
  });

  it("folds long lines at column 80 (TestLineWrapping)", () => {
    const v = { a: "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890 abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890 " };
    expect(goYAMLMarshal(v)).toBe(
      "a: 'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890 abcdefghijklmnopqrstuvwxyz\n" + "  ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890 '\n",
    );
  });

  it("sorts keys the way go-yaml does (TestSortedOutput, string keys)", () => {
    const order = ["", ".1", ".2", ".a", "1", "2", "a!10", "a/0001", "a/002", "a/3", "a/10", "a/11", "a/0012", "a/100", "a~10", "ab/1", "b/1", "b/01", "b/2", "b/02", "b/3", "b/03", "b1", "b01", "b3", "c2.10", "c10.2", "d1", "d7", "d7abc", "d12", "d12a"];
    const shuffled = [...order].reverse();
    shuffled.sort((a, b) => (goYAMLKeyLess(a, b) ? -1 : goYAMLKeyLess(b, a) ? 1 : 0));
    expect(shuffled).toEqual(order);
  });
});

describe("kubectl -o yaml shapes (corpus oracles)", () => {
  it("oracle 7: ResourceQuota status quantities", () => {
    const status = { hard: { "limits.cpu": "2", "limits.memory": "2Gi", "requests.cpu": "1", "requests.memory": "1Gi" }, used: { "limits.cpu": "800m", "limits.memory": "800Mi", "requests.cpu": "400m", "requests.memory": "600Mi" } };
    expect(goYAMLMarshal({ status })).toBe(
      [
        "status:",
        "  hard:",
        '    limits.cpu: "2"',
        "    limits.memory: 2Gi",
        '    requests.cpu: "1"',
        "    requests.memory: 1Gi",
        "  used:",
        "    limits.cpu: 800m",
        "    limits.memory: 800Mi",
        "    requests.cpu: 400m",
        "    requests.memory: 600Mi",
        "",
      ].join("\n"),
    );
  });
  it("oracle 7b: a long condition message is single-quoted and folded", () => {
    const message = 'unable to create pods: pods "pod-quota-demo-1650323038-" is forbidden: exceeded quota: pod-demo, requested: pods=1, used: pods=2, limited: pods=2';
    const cond = { lastTransitionTime: "2022-04-18T10:00:00Z", message, reason: "FailedCreate", status: "True", type: "ReplicaFailure" };
    const out = goYAMLMarshal({ status: { conditions: [cond] } });
    expect(out).toContain(
      "    message: 'unable to create pods: pods \"pod-quota-demo-1650323038-\" is forbidden:\n" + "      exceeded quota: pod-demo, requested: pods=1, used: pods=2, limited: pods=2'\n",
    );
    expect(out.startsWith('status:\n  conditions:\n  - lastTransitionTime: "2022-04-18T10:00:00Z"\n')).toBe(true);
  });
  it("oracle 11: empty resources print as {}", () => {
    expect(goYAMLMarshal({ spec: { containers: [{ name: "qos-demo-3-ctr", resources: {} }] } })).toBe("spec:\n  containers:\n  - name: qos-demo-3-ctr\n    resources: {}\n");
  });
});

describe("goFormatFloatG (strconv 'g', -1)", () => {
  it.each([
    [0.5, "0.5"],
    [1234567.5, "1.2345675e+06"],
    [0.00001, "1e-05"],
    [123456.5, "123456.5"],
  ])("%d", (f, want) => {
    expect(goFormatFloatG(f)).toBe(want);
  });
});

import { describe, expect, it } from "vitest";
import { JSONPathExecError, JSONPathParseError, JSONPathTemplate } from "./jsonpath";

const run = (tmpl: string, data: unknown, allowMissingKeys = true) => new JSONPathTemplate(tmpl).execute(data, { allowMissingKeys });

// The data and expectations of client-go util/jsonpath/jsonpath_test.go, written as the JSON kubectl
// hands to the engine (the Go tests also feed structs; only their JSON-shaped cases are ported).
const store = {
  Name: "jsonpath",
  Book: [
    { Category: "reference", Author: "Nigel Rees", Title: "Sayings of the Centurey", Price: 8.95 },
    { Category: "fiction", Author: "Evelyn Waugh", Title: "Sword of Honour", Price: 12.99 },
    { Category: "fiction", Author: "Herman Melville", Title: "Moby Dick", Price: 8.99 },
  ],
  Bicycle: [
    { Color: "red", Price: 19.95, IsNew: true },
    { Color: "green", Price: 20.01, IsNew: false },
  ],
  Labels: { engieer: 10, "web/html": 15, "k8s-app": 20 },
  Employees: { jason: "manager", dan: "clerk" },
};
const types = {
  bools: [true, false, true, false],
  integers: [1, 2, 3, 4],
  strings: ["one", "two", "three", "four"],
  interfaces: [true, "one", 1, 1.1],
  maps: [
    { name: "one", value: 1 },
    { name: "two", value: 2.02 },
    { name: "three", value: 3.03 },
    { name: "four", value: 4.04 },
  ],
};

describe("JSONPath (client-go jsonpath_test.go)", () => {
  it.each([
    ["plain", "hello jsonpath", null, "hello jsonpath"],
    ["recursive", "{..}", [1, 2, 3], "[1,2,3]"],
    ["filter", "{[?(@<5)]}", [2, 6, 3, 7], "2 3"],
    ["quote", '{"{"}', null, "{"],
    ["union", "{[1,3,4]}", [0, 1, 2, 3, 4], "1 3 4"],
    ["array", "{[0:2]}", ["Monday", "Tudesday"], "Monday Tudesday"],
    ["variable", "hello {.Name}", store, "hello jsonpath"],
    ["dict/", "{$.Labels.web/html}", store, "15"],
    ["dict/", "{$.Employees.jason}", store, "manager"],
    ["dict-", "{.Labels.k8s-app}", store, "20"],
    ["nest", "{.Bicycle[*].Color}", store, "red green"],
    ["allarray", "{.Book[*].Author}", store, "Nigel Rees Evelyn Waugh Herman Melville"],
    ["lastarray", "{.Book[-1:]}", store, '{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}'],
    ["recurarray", "{..Book[2]}", store, '{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}'],
    ["bool", "{.Bicycle[?(@.IsNew==true)]}", store, '{"Color":"red","IsNew":true,"Price":19.95}'],
    ["boolSlice", "{ .bools }", types, "[true,false,true,false]"],
    ["boolSliceIndex", "{ .bools[-1] }", types, "false"],
    ["boolSubSliceStep2", "{ .bools[:4:2] }", types, "true true"],
    ["integerSliceIndexReverse", "{ .integers[-2] }", types, "3"],
    ["stringSlice", "{ .strings }", types, '["one","two","three","four"]'],
    ["stringSubSliceStep2", "{ .strings[:4:2] }", types, "one three"],
    ["interfaceSlice", "{ .interfaces }", types, '[true,"one",1,1.1]'],
    ["interfaceSubSliceFirst2", "{ .interfaces[0:2] }", types, "true one"],
    ["mapSliceIndexReverse", "{ .maps[-2] }", types, '{"name":"three","value":3.03}'],
    ["mapSubSliceStepEven", "{ .maps[1::2] }", types, '{"name":"two","value":2.02} {"name":"four","value":4.04}'],
  ])("%s: %s", (_n, tmpl, data, want) => {
    expect(run(tmpl, data, false)).toBe(want);
  });

  // Upstream feeds a struct here (fields in declaration order); over JSON maps Go's order is random,
  // so, like upstream's testJSONPathSortOutput, compare the sorted words. (This port sorts map keys.)
  it.each([["recurfields", "{..Price}"], ["recurdotfields", "{...Price}"]])("%s: %s", (_n, tmpl) => {
    expect(run(tmpl, store, false).split(" ").sort()).toEqual("8.95 12.99 8.99 19.95 20.01".split(" ").sort());
    expect(run(tmpl, store, false)).toBe("19.95 20.01 8.95 12.99 8.99");
  });

  it("missing keys are tolerated when allowed", () => {
    expect(run("{.hello}", store)).toBe("");
    expect(run("before-{.hello}after", store)).toBe("before-after");
  });

  it.each([
    ["invalid identifier", "{hello}", "unrecognized identifier hello"],
    ["nonexistent field", "{.hello}", "hello is not found"],
    ["invalid array", "{.Labels[0]}", "map[string]interface {} is not array or slice"],
    ["invalid filter operator", "{.Book[?(@.Price<>10)]}", "unrecognized filter operator <>"],
    ["redundant end", "{range .Labels.*}{@}{end}{end}", "not in range, nothing to end"],
  ])("fails: %s", (_n, tmpl, want) => {
    expect(() => run(tmpl, store, false)).toThrow(new JSONPathExecError(want));
  });

  it("rejects multiple recursive descent", () => {
    expect(() => new JSONPathTemplate("{............................................................Price}")).toThrow(JSONPathParseError);
  });

  it("JSON input: exists filter and bracket key (TestJSONInput)", () => {
    const points = [
      { id: "i1", x: 4, y: -5 },
      { id: "i2", x: -2, y: -5, z: 1 },
      { id: "i3", x: 8, y: 3 },
      { id: "i4", x: -6, y: -1 },
      { id: "i5", x: 0, y: 2, z: 1 },
      { id: "i6", x: 1, y: 4 },
    ];
    expect(run("{[?(@.z)].id}", points, false)).toBe("i2 i5");
    expect(run("{[0]['id']}", points, false)).toBe("i1");
  });

  it("negative indexes and steps (TestNegativeIndex, TestStep)", () => {
    const pod = { spec: { containers: [0, 1, 2, 3, 4, 5].map((i) => ({ name: `fake${i}` })) } };
    const four = { spec: { containers: pod.spec.containers.slice(0, 4) } };
    expect(run("{.spec.containers[0:0].name}", four, false)).toBe("");
    expect(run("{.spec.containers[0:-1].name}", four, false)).toBe("fake0 fake1 fake2");
    expect(() => run("{.spec.containers[-1:0].name}", four, false)).toThrow(JSONPathExecError);
    expect(run("{.spec.containers[-1].name}", four, false)).toBe("fake3");
    expect(run("{.spec.containers[-2:].name}", four, false)).toBe("fake2 fake3");
    expect(run("{.spec.containers[-4].name}", four, false)).toBe("fake0");
    expect(() => run("{.spec.containers[-5].name}", four, false)).toThrow(JSONPathExecError);
    expect(run("{.spec.containers[5:5].name}", four, false)).toBe("");
    expect(run("{.spec.containers[-5:-5].name}", four, false)).toBe("");
    expect(() => run("{.spec.containers[3:1].name}", four, false)).toThrow(JSONPathExecError);
    expect(run("{.spec.containers[0:6:].name}", pod, false)).toBe("fake0 fake1 fake2 fake3 fake4 fake5");
    expect(() => run("{.spec.containers[0:6:0].name}", pod, false)).toThrow(JSONPathExecError);
    expect(run("{.spec.containers[1:4:2].name}", pod, false)).toBe("fake1 fake3");
    expect(run("{.spec.containers[0:6:5].name}", pod, false)).toBe("fake0 fake5");
  });
});

describe("JSONPath on Kubernetes lists (TestKubernetes and friends)", () => {
  const pods = {
    kind: "List",
    items: [
      { kind: "None", metadata: { name: "127.0.0.1", labels: { "kubernetes.io/hostname": "127.0.0.1" } }, status: { capacity: { cpu: "4" }, addresses: [{ type: "LegacyHostIP", address: "127.0.0.1" }] } },
      { kind: "None", metadata: { name: "127.0.0.2", labels: { "kubernetes.io/hostname": "127.0.0.2" } }, status: { capacity: { cpu: "8" }, addresses: [{ type: "LegacyHostIP", address: "127.0.0.2" }, { type: "another", address: "127.0.0.3" }] } },
    ],
    users: [
      { name: "myself", user: {} },
      { name: "e2e", user: { username: "admin", password: "secret" } },
    ],
  };
  it.each([
    ["range item", "{range .items[*]}{.metadata.name}, {end}{.kind}", "127.0.0.1, 127.0.0.2, List"],
    ["range item with quote", '{range .items[*]}{.metadata.name}{"\\t"}{end}', "127.0.0.1\t127.0.0.2\t"],
    ["range address", "{.items[*].status.addresses[*].address}", "127.0.0.1 127.0.0.2 127.0.0.3"],
    ["double range", "{range .items[*]}{range .status.addresses[*]}{.address}, {end}{end}", "127.0.0.1, 127.0.0.2, 127.0.0.3, "],
    ["item name", "{.items[*].metadata.name}", "127.0.0.1 127.0.0.2"],
    ["union nodes capacity", "{.items[*]['metadata.name', 'status.capacity']}", '127.0.0.1 127.0.0.2 {"cpu":"4"} {"cpu":"8"}'],
    ["union nodes capacity", "{.items[*]['metadata.name', 'status.capacity']}", '127.0.0.1 127.0.0.2 {"cpu":"4"} {"cpu":"8"}'],
    ["user password", '{.users[?(@.name=="e2e")].user.password}', "secret"],
    ["hostname", "{.items[0].metadata.labels.kubernetes\\.io/hostname}", "127.0.0.1"],
    ["hostname filter", '{.items[?(@.metadata.labels.kubernetes\\.io/hostname=="127.0.0.1")].kind}', "None"],
    ["newline between items", '{range .items[*]}{.metadata.name}{"\\n"}{end}', "127.0.0.1\n127.0.0.2\n"],
  ])("%s", (_n, tmpl, want) => {
    expect(run(tmpl, pods)).toBe(want);
  });

  it("range nodes capacity and nested ranges (TestKubernetes, TestNestedRanges, TestEmptyRange)", () => {
    expect(run("{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}", pods)).toBe('[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] ');
    const data = {
      items: [
        { metadata: { name: "pod1" }, spec: { containers: [{ name: "foo", another: [{ name: "value1" }, { name: "value2" }] }, { name: "bar", another: [{ name: "value1" }, { name: "value2" }] }] } },
        { metadata: { name: "pod2" }, spec: { containers: [{ name: "baz", another: [{ name: "value1" }, { name: "value2" }] }] } },
      ],
    };
    expect(run('{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}', data, false)).toBe("pod1:foo,bar,+pod2:baz,+");
    expect(run('{range .items[*]}{.metadata.name}{"~"}{range @.spec.containers[*]}{.name}{":"}{range @.another[*]}{.name}{","}{end}{"+"}{end}{"#"}{end}', data, false)).toBe(
      "pod1~foo:value1,value2,+bar:value1,value2,+#pod2~baz:value1,value2,+#",
    );
    expect(run('{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}', { items: [] })).toBe("");
  });

  it("filters tolerate items without the field (TestFilterPartialMatchesSometimesMissingAnnotations)", () => {
    const list = { kind: "List", items: [{ metadata: { name: "pod1", annotations: { color: "blue" } } }, { metadata: { name: "pod2" } }, { metadata: { name: "pod3", annotations: { color: "green" } } }, { metadata: { name: "pod4", annotations: { color: "blue" } } }] };
    expect(run('{.items[?(@.metadata.annotations.color=="blue")].metadata.name}', list)).toBe("pod1 pod4");
    expect(() => run('{.items[?(@.metadata.annotations.color=="blue")].metadata.name}', list, false)).toThrow(JSONPathExecError);
  });

  it("ranges over a filter (TestRunningPodsJSONPathOutput)", () => {
    const list = { kind: "List", items: [{ kind: "Pod", metadata: { name: "pod1" }, status: { phase: "Running" } }, { kind: "Pod", metadata: { name: "pod2" }, status: { phase: "Running" } }, { kind: "Pod", metadata: { name: "pod3" }, status: { phase: "Running" } }, { resourceVersion: "", selfLink: "" }] };
    expect(run('{range .items[?(.status.phase=="Running")]}{.metadata.name}{" is Running\\n"}{end}', list)).toBe("pod1 is Running\npod2 is Running\npod3 is Running\n");
  });

  it("oracle 5: kubectl get pods -o jsonpath='{.items[*].metadata.name}'", () => {
    expect(run("{.items[*].metadata.name}", { apiVersion: "v1", items: [{ metadata: { name: "pi-5rwd7" } }], kind: "List" })).toBe("pi-5rwd7");
  });
});

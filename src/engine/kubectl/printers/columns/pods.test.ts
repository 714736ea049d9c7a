import { describe, expect, it } from "vitest";
import type { ContainerStatus, Pod, PodStatus } from "../../../api/types";
import { buildTable, printTable } from "../table";
import { podPrinter } from "./pods";

const NOW = Date.parse("2024-05-01T12:00:00Z");
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const S = 1000;
const DAY = 24 * 3600 * S;

function pod(name: string, containers: number, status: Partial<PodStatus>, extra: Partial<Pod> = {}, init = 0): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", uid: name, resourceVersion: "1", creationTimestamp: "", ...(extra.metadata ?? {}) },
    spec: {
      containers: Array.from({ length: containers }, () => ({ name: "" })),
      ...(init > 0 ? { initContainers: Array.from({ length: init }, () => ({ name: "" })) } : {}),
      ...(extra.spec ?? {}),
    },
    status: status as PodStatus,
  };
}

function cs(s: Partial<ContainerStatus>): ContainerStatus {
  return { name: "", ready: false, restartCount: 0, image: "", imageID: "", state: {}, lastState: {}, ...s };
}

const running = { running: {} };
const lastTerminated = (ms: number) => ({ terminated: { exitCode: 0, finishedAt: ago(ms) } });

// Cases and expectations from TestPrintPod (k/k pkg/printers/internalversion/printers_test.go).
describe("printPod (TestPrintPod)", () => {
  const cases: [string, Pod, string[]][] = [
    ["test1", pod("test1", 2, { phase: "podPhase" as never, containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ restartCount: 3 })] }), ["test1", "1/2", "podPhase", "6", "<unknown>"]],
    ["test2", pod("test2", 2, { phase: "podPhase" as never, containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ restartCount: 3, state: { waiting: { reason: "ContainerWaitingReason" } } })] }), ["test2", "1/2", "ContainerWaitingReason", "6", "<unknown>"]],
    ["test3", pod("test3", 2, { phase: "podPhase" as never, containerStatuses: [cs({ restartCount: 3, state: { waiting: { reason: "ContainerWaitingReason" } } }), cs({ restartCount: 3, state: { terminated: { exitCode: 0, reason: "ContainerTerminatedReason" } } })] }), ["test3", "0/2", "ContainerWaitingReason", "6", "<unknown>"]],
    ["test4", pod("test4", 2, { phase: "podPhase" as never, containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ ready: true, restartCount: 3 })] }), ["test4", "1/2", "podPhase", "6", "<unknown>"]],
    ["test5", pod("test5", 2, { reason: "podReason", phase: "podPhase" as never, containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ ready: true, restartCount: 3 })] }), ["test5", "1/2", "podReason", "6", "<unknown>"]],
    ["test6 w/o ready", pod("test6", 2, { phase: "Running", containerStatuses: [cs({ ready: true, restartCount: 3, state: { terminated: { reason: "Completed", exitCode: 0 } } }), cs({ ready: true, restartCount: 3, state: running })] }), ["test6", "1/2", "NotReady", "6", "<unknown>"]],
    ["test6 ready", pod("test6", 2, { phase: "Running", conditions: [{ type: "Ready", status: "True" }], containerStatuses: [cs({ ready: true, restartCount: 3, state: { terminated: { reason: "Completed", exitCode: 0 } } }), cs({ ready: true, restartCount: 3, state: running })] }), ["test6", "1/2", "Running", "6", "<unknown>"]],
    ["test7", pod("test7", 1, { phase: "podPhase" as never, initContainerStatuses: [cs({ restartCount: 3, state: running, lastState: lastTerminated(10 * S) })], containerStatuses: [cs({ state: { waiting: {} } })] }, {}, 1), ["test7", "0/1", "Init:0/1", "3 (10s ago)", "<unknown>"]],
    ["test8", pod("test8", 1, { phase: "podPhase" as never, initContainerStatuses: [cs({ restartCount: 3, state: running, lastState: lastTerminated(10 * S) }), cs({ state: { waiting: {} } })], containerStatuses: [cs({ state: { waiting: {} } })] }, {}, 2), ["test8", "0/1", "Init:0/2", "3 (10s ago)", "<unknown>"]],
    ["test9", pod("test9", 1, { phase: "podPhase" as never, initContainerStatuses: [cs({ state: { terminated: { exitCode: 0 } } }), cs({ restartCount: 3, state: running, lastState: lastTerminated(10 * S) })], containerStatuses: [cs({ state: { waiting: {} } })] }, {}, 2), ["test9", "0/1", "Init:1/2", "3 (10s ago)", "<unknown>"]],
    ["test10", pod("test10", 1, { phase: "podPhase" as never, initContainerStatuses: [cs({ restartCount: 2, state: { terminated: { exitCode: 0 } }, lastState: lastTerminated(120 * S) }), cs({ restartCount: 3, state: running, lastState: lastTerminated(10 * S) })], containerStatuses: [cs({ state: { waiting: {} } })] }, {}, 2), ["test10", "0/1", "Init:1/2", "5 (10s ago)", "<unknown>"]],
    ["test11", pod("test11", 1, { phase: "Running", initContainerStatuses: [cs({ restartCount: 2, state: { terminated: { exitCode: 0 } }, lastState: lastTerminated(120 * S) })], containerStatuses: [cs({ restartCount: 4, state: running, lastState: lastTerminated(20 * S) })] }, {}, 1), ["test11", "0/1", "Running", "4 (20s ago)", "<unknown>"]],
    ["test12", pod("test12", 1, { phase: "Running", containerStatuses: [cs({ ready: true, restartCount: 3, state: running, lastState: lastTerminated(5 * DAY) })] }), ["test12", "1/1", "Running", "3 (5d ago)", "<unknown>"]],
    ["test13", pod("test13", 2, { phase: "Running", containerStatuses: [cs({ ready: true, state: running }), cs({ ready: true, restartCount: 3, state: running, lastState: lastTerminated(10 * DAY) })] }), ["test13", "2/2", "Running", "3 (10d ago)", "<unknown>"]],
    ["test14", pod("test14", 2, { phase: "Running", containerStatuses: [cs({ ready: true, restartCount: 6, state: running, lastState: lastTerminated(5 * DAY) }), cs({ ready: true, restartCount: 3, state: running, lastState: lastTerminated(20 * DAY) })] }), ["test14", "2/2", "Running", "9 (5d ago)", "<unknown>"]],
    ["test15", pod("test15", 2, { phase: "podPhase" as never, conditions: [{ type: "PodScheduled", status: "False", reason: "SchedulingGated" }] }), ["test15", "0/2", "SchedulingGated", "0", "<unknown>"]],
    ["test16", pod("test16", 1, { phase: "Succeeded", containerStatuses: [cs({ state: { terminated: { reason: "Completed", exitCode: 0 } } })] }), ["test16", "0/1", "Completed", "0", "<unknown>"]],
    ["test17", pod("test17", 1, { phase: "Failed", containerStatuses: [cs({ state: { terminated: { reason: "Error", exitCode: 1 } } })] }), ["test17", "0/1", "Error", "0", "<unknown>"]],
    ["test18", pod("test18", 1, { phase: "Succeeded", containerStatuses: [cs({ state: { terminated: { reason: "Completed", exitCode: 0 } } })] }, { metadata: { deletionTimestamp: ago(10 * S) } as never }), ["test18", "0/1", "Completed", "0", "<unknown>"]],
    ["test19", pod("test19", 1, { phase: "Running", containerStatuses: [cs({ state: running })] }, { metadata: { deletionTimestamp: ago(10 * S) } as never }), ["test19", "0/1", "Terminating", "0", "<unknown>"]],
    ["test20", pod("test20", 1, { phase: "Pending" }, { metadata: { deletionTimestamp: ago(10 * S) } as never }), ["test20", "0/1", "Terminating", "0", "<unknown>"]],
  ];
  it.each(cases)("%s", (_name, p, want) => {
    expect(podPrinter.row(p, NOW).slice(0, 5)).toEqual(want);
  });
});

describe("printPod: other upstream branches", () => {
  it("Init:<reason> for a waiting init container, Init:ExitCode / Init:Signal for a failed one", () => {
    const waiting = pod("p", 1, { phase: "Pending", initContainerStatuses: [cs({ state: { waiting: { reason: "CrashLoopBackOff" } } })] }, {}, 1);
    expect(podPrinter.row(waiting, NOW)[2]).toBe("Init:CrashLoopBackOff");
    const exit = pod("p", 1, { phase: "Pending", initContainerStatuses: [cs({ state: { terminated: { exitCode: 2 } } })] }, {}, 1);
    expect(podPrinter.row(exit, NOW)[2]).toBe("Init:ExitCode:2");
    const signal = pod("p", 1, { phase: "Pending", initContainerStatuses: [cs({ state: { terminated: { exitCode: 137, signal: 9 } } })] }, {}, 1);
    expect(podPrinter.row(signal, NOW)[2]).toBe("Init:Signal:9");
  });
  it("ExitCode:N and Signal:N for a terminated container without a reason", () => {
    expect(podPrinter.row(pod("p", 1, { phase: "Failed", containerStatuses: [cs({ state: { terminated: { exitCode: 3 } } })] }), NOW)[2]).toBe("ExitCode:3");
    expect(podPrinter.row(pod("p", 1, { phase: "Failed", containerStatuses: [cs({ state: { terminated: { exitCode: 0, signal: 15 } } })] }), NOW)[2]).toBe("Signal:15");
  });
  it("Unknown for a deleted pod with reason NodeLost", () => {
    const p = pod("p", 1, { phase: "Running", reason: "NodeLost" }, { metadata: { deletionTimestamp: ago(S) } as never });
    expect(podPrinter.row(p, NOW)[2]).toBe("Unknown");
  });
  it("wide cells: IP, node, nominated node, readiness gates", () => {
    const p = pod("p", 1, { phase: "Pending", podIPs: [{ ip: "10.244.1.5" }], conditions: [{ type: "www.example.com/feature-1", status: "True" }] }, { spec: { containers: [{ name: "c" }], nodeName: "node-1", readinessGates: [{ conditionType: "www.example.com/feature-1" }, { conditionType: "x" }] } as never });
    expect(podPrinter.row(p, NOW).slice(5)).toEqual(["10.244.1.5", "node-1", "<none>", "1/2"]);
    expect(podPrinter.row(pod("q", 1, {}), NOW).slice(5)).toEqual(["<none>", "<none>", "<none>", "<none>"]);
  });
});

describe("kubectl get pods layout", () => {
  // Oracle 2 (kubernetes/website concepts/workloads/controllers/replicaset.md): pods acquired by a RS.
  it("matches the docs' table", () => {
    const mk = (name: string, ageMs: number, deleting: boolean) =>
      pod(name, 1, deleting ? { phase: "Running", containerStatuses: [cs({ state: running })] } : { phase: "Running", conditions: [{ type: "Ready", status: "True" }], containerStatuses: [cs({ ready: true, state: running })] }, {
        metadata: { creationTimestamp: ago(ageMs), ...(deleting ? { deletionTimestamp: ago(0) } : {}) } as never,
      });
    const pods = [mk("frontend-b2zdv", 600 * S, false), mk("frontend-vcmts", 600 * S, false), mk("frontend-wtsmm", 600 * S, false), mk("pod1", S, true), mk("pod2", S, true)];
    expect(printTable(buildTable(podPrinter, pods, NOW))).toBe(
      [
        "NAME             READY   STATUS        RESTARTS   AGE",
        "frontend-b2zdv   1/1     Running       0          10m",
        "frontend-vcmts   1/1     Running       0          10m",
        "frontend-wtsmm   1/1     Running       0          10m",
        "pod1             0/1     Terminating   0          1s",
        "pod2             0/1     Terminating   0          1s",
        "",
      ].join("\n"),
    );
  });
});

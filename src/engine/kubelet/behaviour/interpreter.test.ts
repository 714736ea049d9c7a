// Shell semantics of the interpreter, checked against POSIX sh / bash / busybox behaviour.

import { describe, expect, it } from "vitest";
import type { Container } from "../../api/types";
import { lookupImage } from "./images";
import { compileBehaviour } from "./program";
import { createContainerProcess, type ContainerProcess } from "./runtime";
import type { Effect } from "./types";
import type { VolumeStore } from "./containerFs";

interface Run {
  proc: ContainerProcess;
  stdout: string[];
  stderr: string[];
  exit?: Extract<Effect, { kind: "exit" }>;
}

/** Runs `sh -c script` (or `bash -c`) in `image` up to `untilMs`. */
function sh(script: string, o: { image?: string; shell?: string; env?: Record<string, string>; untilMs?: number; volumes?: VolumeStore; extra?: Partial<Container> } = {}): Run {
  const c: Container = { name: "c", image: o.image ?? "busybox", command: [o.shell ?? "sh", "-c", script], ...o.extra };
  const proc = createContainerProcess(c, compileBehaviour(c, lookupImage(c.image ?? "") ?? fail(), { env: o.env ?? {} }), { volumes: o.volumes });
  const effects = [...proc.start(0), ...proc.advance(o.untilMs ?? 1_000_000)];
  const lines = (s: string) => effects.flatMap((e) => (e.kind === "log" && e.stream === s ? [e.line] : []));
  return { proc, stdout: lines("stdout"), stderr: lines("stderr"), exit: effects.find((e): e is Extract<Effect, { kind: "exit" }> => e.kind === "exit") };
}

function fail(): never {
  throw new Error("unknown image");
}

describe("lists, and-or, exit status", () => {
  it("runs ; lists and returns the last status", () => {
    expect(sh("echo a; echo b; false")).toMatchObject({ stdout: ["a", "b"], exit: { exitCode: 1, reason: "Error" } });
  });
  it("evaluates && and || left to right with equal precedence", () => {
    expect(sh("false && echo no || echo yes").stdout).toEqual(["yes"]);
    expect(sh("true || echo no && echo yes").stdout).toEqual(["yes"]);
    expect(sh("! false && echo negated").stdout).toEqual(["negated"]);
  });
  it("exit N ends the script with N modulo 256", () => {
    expect(sh("echo before; exit 3; echo after")).toMatchObject({ stdout: ["before"], exit: { exitCode: 3 } });
    expect(sh("exit 300").exit?.exitCode).toBe(44);
    expect(sh("false; exit").exit?.exitCode).toBe(1);
  });
  it("set -e stops at the first failing command, but not in conditions", () => {
    expect(sh("set -e; if false; then echo x; fi; false || true; echo ok; false; echo never")).toMatchObject({ stdout: ["ok"], exit: { exitCode: 1 } });
  });
});

describe("control flow", () => {
  it("if / elif / else", () => {
    expect(sh('x=2; if [ "$x" = 1 ]; then echo one; elif [ "$x" = 2 ]; then echo two; else echo other; fi').stdout).toEqual(["two"]);
  });
  it("while and until with arithmetic", () => {
    expect(sh("i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done").stdout).toEqual(["0", "1", "2"]);
    expect(sh("n=3; until [ $n -eq 0 ]; do n=$((n-1)); done; echo $n").stdout).toEqual(["0"]);
  });
  it("for over words and over a command substitution", () => {
    expect(sh("for f in a b c; do echo $f; done").stdout).toEqual(["a", "b", "c"]);
    expect(sh("for i in $(seq 1 3); do echo n$i; done").stdout).toEqual(["n1", "n2", "n3"]);
  });
  it("a loop with sleep advances on the clock and never ends", () => {
    const r = sh("while true; do echo hello; sleep 10; done", { untilMs: 25_000 });
    expect(r.stdout).toEqual(["hello", "hello", "hello"]);
    expect(r.proc.nextEventTime()).toBe(30_000);
  });
  it("a loop that never waits spins one core instead of hanging the simulation", () => {
    const r = sh("while true; do :; done");
    expect(r.exit).toBeUndefined();
    expect(r.proc.nextEventTime()).toBeUndefined();
    expect(r.proc.usage().cpuMilli).toBeGreaterThanOrEqual(1000);
  });
});

describe("expansion", () => {
  it("parameters, defaults, length and positional arguments", () => {
    expect(sh('echo "${UNSET:-dflt}" ${#HOME} "$0" "$1"', { extra: { command: ["sh", "-c", 'echo "${UNSET:-dflt}" ${#HOME} "$0" "$1"', "name", "arg"] } }).stdout).toEqual(["dflt 5 name arg"]);
  });
  it("field-splits unquoted expansions only", () => {
    expect(sh('x="a  b"; for w in $x; do echo "[$w]"; done; echo "$x"').stdout).toEqual(["[a]", "[b]", "a  b"]);
  });
  it("command substitution strips trailing newlines and sets $?", () => {
    expect(sh('v=$(printf "x\\n\\n"); echo "[$v]"; v=$(false); echo $?').stdout).toEqual(["[x]", "1"]);
  });
  it("bash arrays (application/job/indexed-job.yaml)", () => {
    const input = new Map<string, string>();
    const volumes: VolumeStore = { get: () => ({ files: input }) };
    const script = "items=(foo bar baz qux xyz)\necho ${items[$JOB_COMPLETION_INDEX]} > /input/data.txt\n";
    const r = sh(script, { shell: "bash", env: { JOB_COMPLETION_INDEX: "2" }, volumes, extra: { volumeMounts: [{ name: "input", mountPath: "/input" }] } });
    expect(r.exit?.exitCode).toBe(0);
    expect(input.get("data.txt")).toBe("baz\n");
  });
  it("[[ =~ ]] fills BASH_REMATCH (application/mysql/mysql-statefulset.yaml)", () => {
    const r = sh("[[ `hostname` =~ -([0-9]+)$ ]] || exit 1\nordinal=${BASH_REMATCH[1]}\necho server-id=$((100 + $ordinal))", { shell: "bash", env: { HOSTNAME: "mysql-2" } });
    expect(r).toMatchObject({ stdout: ["server-id=102"], exit: { exitCode: 0 } });
  });
  it("set -x traces commands like bash", () => {
    expect(sh("set -ex\nx=$(hostname)\necho [mysqld]", { shell: "bash", env: { HOSTNAME: "h" } }).stderr).toEqual(["++ hostname", "+ x=h", "+ echo '[mysqld]'"]);
  });
});

describe("redirections and pipes", () => {
  it("writes, appends, and reads back files", () => {
    expect(sh("echo one > /tmp/f; echo two >> /tmp/f; cat /tmp/f; wc -l < /tmp/f").stdout).toEqual(["one", "two", "2"]);
  });
  it("sends stderr to stdout and stdout to stderr", () => {
    const r = sh("cat /nope 2>&1; echo to-err >&2; echo gone > /dev/null");
    expect(r.stdout).toEqual(["cat: can't open '/nope': No such file or directory"]);
    expect(r.stderr).toEqual(["to-err"]);
  });
  it("pipes stdout into the next command", () => {
    expect(sh("printf 'a\\nb\\nc\\n' | grep -v b | head -n 1").stdout).toEqual(["a"]);
    expect(sh("echo hello | while read line; do echo \"got $line\"; done").stdout).toEqual(["got hello"]);
  });
  it("cannot write into a read-only mount, with each shell's wording", () => {
    const cm = new Map([["color", "blue"]]);
    const volumes: VolumeStore = { get: () => ({ files: cm, readOnly: true }) };
    const mounts = { volumeMounts: [{ name: "config", mountPath: "/etc/config" }] };
    expect(sh("echo x > /etc/config/color", { volumes, extra: mounts })).toMatchObject({ stderr: ["sh: can't create /etc/config/color: Read-only file system"], exit: { exitCode: 1 } });
    expect(sh("echo x > /etc/config/color", { image: "debian", volumes, extra: mounts })).toMatchObject({ stderr: ["sh: 1: cannot create /etc/config/color: Read-only file system"], exit: { exitCode: 2 } });
    expect(sh("cat /etc/config/color", { volumes, extra: mounts }).stdout).toEqual(["blue"]);
  });
});

describe("utilities", () => {
  it("sleep accepts units, fractions and infinity", () => {
    expect(sh("sleep 1h").proc.nextEventTime()).toBe(3_600_000);
    expect(sh("sleep 0.5 1", { untilMs: 0 }).proc.nextEventTime()).toBe(1_500);
    expect(sh("sleep infinity").proc.nextEventTime()).toBeUndefined();
    expect(sh("sleep abc")).toMatchObject({ stderr: ["sleep: invalid number 'abc'"], exit: { exitCode: 1 } });
    expect(sh("sleep abc", { image: "debian" }).stderr[0]).toBe("sleep: invalid time interval 'abc'");
  });
  it("uses GNU wording on Debian-based images", () => {
    expect(sh("cat /tmp/healthy", { image: "debian" }).stdout).toEqual([]);
    expect(sh("cat /tmp/healthy", { image: "debian" }).stderr).toEqual(["cat: /tmp/healthy: No such file or directory"]);
    expect(sh("rm /x", { image: "nginx" }).stderr).toEqual(["rm: cannot remove '/x': No such file or directory"]);
    expect(sh("rm /x").stderr).toEqual(["rm: can't remove '/x': No such file or directory"]);
  });
  it("echo flags and printf", () => {
    expect(sh("echo -n a; echo -e 'b\\tc'; printf '%s=%d\\n' x 42").stdout).toEqual(["ab\tc", "x=42"]);
  });
  it("printenv prints the environment or selected values", () => {
    expect(sh("printenv A B", { env: { A: "1", B: "2" } }).stdout).toEqual(["1", "2"]);
    expect(sh("printenv MISSING").exit?.exitCode).toBe(1);
  });
  it("date follows the simulated clock (UTC, C locale)", () => {
    expect(sh("sleep 65; date; date +%Y-%m-%dT%H:%M:%S").stdout).toEqual(["Wed Jan  1 00:01:05 UTC 2025", "2025-01-01T00:01:05"]);
  });
  it("ls lists a directory, test checks files", () => {
    expect(sh("mkdir -p /d/sub; touch /d/b /d/a; ls /d; test -f /d/a && [ -d /d/sub ] && echo yes").stdout).toEqual(["a", "b", "sub", "yes"]);
  });
  it("a syntax error exits 2 with the shell's message", () => {
    expect(sh("while true; do echo")).toMatchObject({ stderr: ['sh: syntax error: unexpected end of file (expecting "done")'], exit: { exitCode: 2 } });
    expect(sh("fi", { image: "debian" })).toMatchObject({ stderr: ['sh: 1: Syntax error: "fi" unexpected'], exit: { exitCode: 2 } });
    expect(sh("fi", { image: "debian", shell: "bash" }).stderr).toEqual(["bash: -c: line 1: syntax error near unexpected token `fi'"]);
  });
  it("tail -f /dev/null waits forever without output", () => {
    const r = sh("tail -f /dev/null");
    expect(r).toMatchObject({ stdout: [], stderr: [], exit: undefined });
    expect(r.proc.nextEventTime()).toBeUndefined();
  });
  it("an unknown command is presumed to be a server: it runs forever", () => {
    const r = sh("echo starting; start-zookeeper --servers=3");
    expect(r.stdout).toEqual(["starting"]);
    expect(r.exit).toBeUndefined();
    expect(r.proc.nextEventTime()).toBeUndefined();
  });
});

describe("default shells", () => {
  it("busybox's default `sh` reads EOF from /dev/null and exits 0 at once", () => {
    const c: Container = { name: "c", image: "busybox" };
    const proc = createContainerProcess(c, compileBehaviour(c, lookupImage("busybox") ?? fail()));
    expect(proc.start(0)).toEqual([{ kind: "exit", atMs: 0, exitCode: 0, reason: "Completed" }]);
  });
  it("with stdin open (kubectl run -it) the shell waits", () => {
    const c: Container = { name: "c", image: "busybox", stdin: true, tty: true };
    const proc = createContainerProcess(c, compileBehaviour(c, lookupImage("busybox") ?? fail()));
    expect(proc.start(0)).toEqual([]);
    expect(proc.running).toBe(true);
  });
});

// The tables `kubectl top pod` and `kubectl top node` print.
// mirrors kubectl pkg/metricsutil/metrics_printer.go (TopCmdPrinter: PrintPodMetrics, PrintNodeMetrics,
// printValue writes every cell followed by a tab — so lines end in padding, as kubectl's do —
// printSingleResourceUsage: CPU as Quantity.MilliValue() "m", memory as Value()/2^20 "Mi",
// fraction of allocatable truncated to an integer percent, "<unknown>" for nodes without metrics,
// printPodResourcesSum) and metrics_sorter.go (by name; "cpu"/"memory" descending).
import { newKubectlTableWriter } from "../kubectl/printers/tabwriter";
import type { NodeMetrics, PodMetrics } from "./metricsApi";

const Mi = 1024 * 1024;

/** Quantity.MilliValue() of a CPU sample in nanocores: rounds up. */
export function cpuMilliValue(cpuMilli: number): number {
  const nanos = Math.round(cpuMilli * 1e6);
  return Math.ceil(nanos / 1e6);
}

export function formatCpu(cpuMilli: number): string {
  return `${cpuMilliValue(cpuMilli)}m`;
}

export function formatMemory(bytes: number): string {
  return `${Math.floor(bytes / Mi)}Mi`;
}

interface Usage {
  cpu: number;
  memory: number;
}

/** getPodMetrics: the containers' quantities added up (CPU rounded up once, on the sum). */
function podUsage(m: PodMetrics): Usage {
  let cpu = 0;
  let memory = 0;
  for (const c of m.containers) {
    cpu += c.cpuMilli;
    memory += c.memoryBytes;
  }
  return { cpu, memory };
}

export interface PodPrintOptions {
  readonly containers: boolean;
  readonly withNamespace: boolean;
  readonly noHeaders: boolean;
  readonly sortBy: string;
  readonly sum: boolean;
  readonly showSwap: boolean;
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export function printPodMetrics(metrics: readonly PodMetrics[], o: PodPrintOptions): string {
  if (metrics.length === 0) return "";
  const w = newKubectlTableWriter();
  const cell = (v: string): void => w.write(`${v}\t`);
  const columns = ["NAME", "CPU(cores)", "MEMORY(bytes)", ...(o.showSwap ? ["SWAP(bytes)"] : [])];
  let width = columns.length;
  if (!o.noHeaders) {
    if (o.withNamespace) {
      cell("NAMESPACE");
      width++;
    }
    if (o.containers) {
      cell("POD");
      width++;
    }
    for (const c of columns) cell(c);
    w.write("\n");
  } else {
    width += (o.withNamespace ? 1 : 0) + (o.containers ? 1 : 0);
  }
  const usage = new Map(metrics.map((m) => [m, podUsage(m)] as const));
  const sorted = [...metrics].sort((a, b) => {
    if (o.sortBy === "cpu") return cpuMilliValue(usage.get(b)!.cpu) - cpuMilliValue(usage.get(a)!.cpu) || nsName(a, b);
    if (o.sortBy === "memory") return usage.get(b)!.memory - usage.get(a)!.memory || nsName(a, b);
    if (o.withNamespace && a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
    return byName(a, b);
  });
  const line = (name: string, cpu: string, memory: string): void => {
    cell(name);
    cell(cpu);
    cell(memory);
    if (o.showSwap) cell("0Mi");
    w.write("\n");
  };
  let totalCpu = 0;
  let totalMemory = 0;
  for (const m of sorted) {
    const u = usage.get(m)!;
    totalCpu += u.cpu;
    totalMemory += u.memory;
    if (o.containers) {
      const cs = [...m.containers].sort((a, b) => (o.sortBy === "cpu" ? b.cpuMilli - a.cpuMilli : o.sortBy === "memory" ? b.memoryBytes - a.memoryBytes : 0) || byName(a, b));
      for (const c of cs) {
        if (o.withNamespace) cell(m.namespace);
        cell(m.name);
        line(c.name, formatCpu(c.cpuMilli), formatMemory(c.memoryBytes));
      }
    } else {
      if (o.withNamespace) cell(m.namespace);
      line(m.name, formatCpu(u.cpu), formatMemory(u.memory));
    }
  }
  if (o.sum) {
    // printPodResourcesSum: underlines under the two usage columns, then the totals.
    for (let i = 0; i < width - 2; i++) cell("");
    cell("________");
    cell("________");
    w.write("\n");
    for (let i = 0; i < width - 3; i++) cell("");
    line("", formatCpu(totalCpu), formatMemory(totalMemory));
  }
  w.flush();
  return w.toString();
}

function nsName(a: PodMetrics, b: PodMetrics): number {
  if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
  return byName(a, b);
}

export interface NodeAvailable {
  readonly cpuMilli: number;
  readonly memoryBytes: number;
}

export function printNodeMetrics(
  metrics: readonly NodeMetrics[],
  available: ReadonlyMap<string, NodeAvailable>,
  o: { readonly noHeaders: boolean; readonly sortBy: string; readonly showSwap: boolean },
): string {
  if (metrics.length === 0) return "";
  const w = newKubectlTableWriter();
  const cell = (v: string): void => w.write(`${v}\t`);
  if (!o.noHeaders) {
    for (const c of ["NAME", "CPU(cores)", "CPU(%)", "MEMORY(bytes)", "MEMORY(%)", ...(o.showSwap ? ["SWAP(bytes)", "SWAP(%)"] : [])]) cell(c);
    w.write("\n");
  }
  const sorted = [...metrics].sort((a, b) => {
    if (o.sortBy === "cpu") return cpuMilliValue(b.cpuMilli) - cpuMilliValue(a.cpuMilli) || byName(a, b);
    if (o.sortBy === "memory") return b.memoryBytes - a.memoryBytes || byName(a, b);
    return byName(a, b);
  });
  const pct = (used: number, avail: number): string => `${avail === 0 ? 0 : Math.trunc((used / avail) * 100)}%`;
  const remaining = new Map(available);
  for (const m of sorted) {
    const avail = available.get(m.name);
    const cpu = cpuMilliValue(m.cpuMilli);
    cell(m.name);
    cell(`${cpu}m`);
    if (avail) cell(pct(cpu, avail.cpuMilli));
    cell(formatMemory(m.memoryBytes));
    if (avail) cell(pct(m.memoryBytes, avail.memoryBytes));
    if (o.showSwap) {
      cell("0Mi");
      if (avail) cell("0%");
    }
    w.write("\n");
    remaining.delete(m.name);
  }
  // Nodes whose metrics are unreachable (their kubelet is down): every value unknown.
  for (const name of [...remaining.keys()].sort()) {
    cell(name);
    const n = o.showSwap ? 3 : 2;
    for (let i = 0; i < n; i++) {
      cell("<unknown>");
      cell("<unknown>");
    }
    w.write("\n");
  }
  w.flush();
  return w.toString();
}

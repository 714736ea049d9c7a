// The `sim` verbs of the command language: the simulator's own controls, next to real kubectl.
//   sim advance DURATION            let simulated time pass (90s, 5m, 1h30m)
//   sim time                        print the simulated clock
//   sim node add NAME [cpu=4] [memory=8Gi] [pods=110]
//   sim node kill NAME              the machine stops: kubelet silent, containers gone
//   sim node restore NAME           the machine boots again
//   sim seed N                      restart the random sequence from N
//   sim node partition|heal|shutdown|delete|out-of-service, sim zone, sim control-plane, sim etcd,
//   sim pod: the failure verbs (chaos/commands.ts)
import type { CommandResult } from "../kubectl/env";
import { rfc3339 } from "./clock";
import type { Cluster } from "./cluster";
import { formatSimDuration, parseDuration } from "./duration";
import { CHAOS_HELP, NODE_CHAOS_ACTIONS, runChaos, runNodeChaos } from "./chaos/commands";
import { runTraffic, TRAFFIC_HELP } from "../proxy/trafficCommands";
import { CURL_HELP, runCurl } from "../proxy/curlCommand";
import { INGRESS_HELP, runIngress } from "../proxy/ingress/ingressCommand";
import { runCanReach } from "../networkpolicy/canReach";

export const SIM_HELP = `Kubelab simulator commands:
  sim advance DURATION                       Let simulated time pass (e.g. 90s, 5m, 1h30m)
  sim time                                   Print the simulated clock
  sim node add NAME [cpu=4] [memory=8Gi] [pods=110]
                                             Add a worker node
  sim node kill NAME                         Stop a machine: its kubelet goes silent, its containers die
  sim node restore NAME                      Boot a killed machine again
  sim seed N                                 Restart the random sequence from N
  sim can-reach FROM TO PORT[/PROTO] [-n NS] Whether NetworkPolicies let FROM (a pod or an IP) reach pod TO
${CHAOS_HELP}${TRAFFIC_HELP}${CURL_HELP}${INGRESS_HELP}`;

const ok = (out: string): CommandResult => ({ out, err: "", code: 0 });
const fail = (err: string): CommandResult => ({ out: "", err: `error: ${err}\n`, code: 1 });

export function clockLine(cluster: Cluster): string {
  return `t=${formatSimDuration(cluster.now())} (${rfc3339(cluster.clock.absolute())})`;
}

export function runSim(cluster: Cluster, args: readonly string[]): CommandResult {
  const [verb, ...rest] = args;
  switch (verb) {
    case undefined:
    case "help":
    case "--help":
      return ok(SIM_HELP);
    case "time":
      return ok(`${clockLine(cluster)}\n`);
    case "advance": {
      if (rest.length !== 1) return fail("sim advance needs exactly one DURATION, e.g. 'sim advance 90s'");
      const ms = parseDuration(rest[0]!);
      if (ms === undefined) return fail(`invalid duration "${rest[0]}": use Go duration syntax such as 90s, 5m or 1h30m`);
      if (ms > 7 * 24 * 3_600_000) return fail(`duration ${rest[0]} is longer than the 7-day limit of one 'sim advance'`);
      cluster.advance(ms);
      return ok(`advanced ${formatSimDuration(ms)}, now ${clockLine(cluster)}\n`);
    }
    case "seed": {
      if (rest.length !== 1 || !/^\d+$/.test(rest[0]!)) return fail("sim seed needs one non-negative integer, e.g. 'sim seed 42'");
      cluster.random.reseed(Number(rest[0]));
      return ok(`random seed set to ${rest[0]}\n`);
    }
    case "node":
      return runNode(cluster, rest);
    case "zone":
    case "control-plane":
    case "etcd":
    case "pod":
      return runChaos(cluster, verb, rest);
    case "traffic":
      return runTraffic(cluster, rest);
    case "curl":
      return runCurl(cluster, rest);
    case "ingress":
      return runIngress(cluster, rest);
    case "can-reach":
      return runCanReach(cluster.store, rest);
    default:
      return fail(`unknown sim command "${verb}"\nRun 'sim help' for usage.`);
  }
}

function runNode(cluster: Cluster, args: readonly string[]): CommandResult {
  const [action, name, ...opts] = args;
  if (action && NODE_CHAOS_ACTIONS.has(action)) return runNodeChaos(cluster, action, args.slice(1));
  if (!action || !name) return fail("usage: sim node add|kill|restore NAME");
  switch (action) {
    case "add": {
      if (cluster.kubelets.has(name)) return fail(`node "${name}" already exists`);
      if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || name.length > 63) {
        return fail(`invalid node name "${name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'`);
      }
      const kv: Record<string, string> = {};
      for (const o of opts) {
        const m = /^(cpu|memory|pods)=(.+)$/.exec(o);
        if (!m) return fail(`unknown node option "${o}": use cpu=N, memory=QUANTITY, pods=N`);
        kv[m[1]!] = m[2]!;
      }
      if (kv.pods !== undefined && !/^\d+$/.test(kv.pods)) return fail(`pods must be a whole number, got "${kv.pods}"`);
      if (kv.cpu !== undefined && !/^\d+(\.\d+)?m?$/.test(kv.cpu)) return fail(`cpu must be a quantity such as 4 or 500m, got "${kv.cpu}"`);
      if (kv.memory !== undefined && !/^\d+(\.\d+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$/.test(kv.memory)) return fail(`memory must be a quantity such as 8Gi, got "${kv.memory}"`);
      cluster.addWorker(name, kv.cpu, kv.memory, kv.pods ? Number(kv.pods) : undefined);
      return ok(`node/${name} added (its kubelet is registering)\n`);
    }
    default:
      return fail(`unknown sim node action "${action}": use add, kill, restore, partition, heal, shutdown, delete or out-of-service`);
  }
}

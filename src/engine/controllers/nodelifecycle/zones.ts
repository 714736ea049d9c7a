// Zones and their health for the node lifecycle controller: a zone whose nodes are mostly unhealthy
// slows (or stops) NoExecute tainting, so that a network partition does not evict a whole zone.
// Mirrors GetZoneKey (k8s.io/component-helpers/node/topology/helpers.go) and ComputeZoneState,
// isNodeExcludedFromDisruptionChecks (pkg/controller/nodelifecycle/node_lifecycle_controller.go).
import type { Node, NodeCondition } from "../../api/types";

export type ZoneState = "Initial" | "Normal" | "FullDisruption" | "PartialDisruption";

/** Label keys GetZoneKey reads: the deprecated beta labels win when both are set. */
const LabelFailureDomainBetaZone = "failure-domain.beta.kubernetes.io/zone";
const LabelFailureDomainBetaRegion = "failure-domain.beta.kubernetes.io/region";
export const LabelTopologyZone = "topology.kubernetes.io/zone";
export const LabelTopologyRegion = "topology.kubernetes.io/region";
/** node.kubernetes.io/exclude-disruption: nodes with this label do not count towards zone health. */
export const LabelNodeDisruptionExclusion = "node.kubernetes.io/exclude-disruption";

/**
 * Zone keys by labels object. The node controller asks for every node's zone several times each 5s
 * pass; a node's labels object only changes when the Node is written, so the same key string (already
 * hashed by the maps it indexes) comes back.
 */
const zoneKeys = new WeakMap<Readonly<Record<string, string>>, string>();

// mirrors GetZoneKey: "<region>:\x00:<zone>", or "" when the node has neither label.
export function getZoneKey(node: Node): string {
  const labels = node.metadata.labels;
  if (!labels) return "";
  let key = zoneKeys.get(labels);
  if (key === undefined) {
    key = zoneKeyOf(labels);
    zoneKeys.set(labels, key);
  }
  return key;
}

function zoneKeyOf(labels: Readonly<Record<string, string>>): string {
  const zone = LabelFailureDomainBetaZone in labels ? labels[LabelFailureDomainBetaZone]! : (labels[LabelTopologyZone] ?? "");
  const region = LabelFailureDomainBetaRegion in labels ? labels[LabelFailureDomainBetaRegion]! : (labels[LabelTopologyRegion] ?? "");
  if (region === "" && zone === "") return "";
  return `${region}:\x00:${zone}`;
}

export function isNodeExcludedFromDisruptionChecks(node: Node): boolean {
  return node.metadata.labels !== undefined && LabelNodeDisruptionExclusion in node.metadata.labels;
}

// mirrors ComputeZoneState
/**
 * FullDisruption when no node is Ready; PartialDisruption when more than 2 nodes are not Ready and they
 * are at least `unhealthyZoneThreshold` of the zone; Normal otherwise. Returns [notReady, state].
 */
export function computeZoneState(readyConditions: readonly (NodeCondition | undefined)[], unhealthyZoneThreshold: number): [number, ZoneState] {
  let ready = 0;
  let notReady = 0;
  for (const c of readyConditions) {
    if (c && c.status === "True") ready++;
    else notReady++;
  }
  if (ready === 0 && notReady > 0) return [notReady, "FullDisruption"];
  // Upstream compares float32 values: Math.fround reproduces that rounding exactly.
  if (notReady > 2 && Math.fround(notReady / (notReady + ready)) >= Math.fround(unhealthyZoneThreshold)) return [notReady, "PartialDisruption"];
  return [notReady, "Normal"];
}

// Where a simulated control loop sends a different request than its upstream counterpart, RBAC is asked
// about the request upstream sends, so that the loop's bootstrap role (which grants exactly upstream's
// requests) still covers it — and revoking that role still stops the loop, as it would upstream.
//   - The HPA reads and writes its target through the main resource; upstream uses the scale
//     subresource (GET/PUT <resource>/scale, role rule "*/scale": get, update).
//   - The namespace controller clears spec.finalizers with a PATCH of the Namespace; upstream PUTs
//     namespaces/<name>/finalize.
// Keyed by the actor the loop's client uses. Each entry: (verb, resource) seen → (verb, subresource) asked.

/** The kinds the HPA scales in this simulation (the ones with a scale subresource). */
const HPA_SCALABLE = new Set(["deployments", "replicasets", "statefulsets", "replicationcontrollers"]);

interface Delta {
  verb: string;
  subresource: string;
}

const DELTAS: Readonly<Record<string, (verb: string, resource: string, subresource: string) => Delta | undefined>> = {
  "horizontal-pod-autoscaler": (verb, resource, subresource) => {
    if (subresource !== "" || !HPA_SCALABLE.has(resource)) return undefined;
    if (verb === "get") return { verb: "get", subresource: "scale" };
    if (verb === "patch" || verb === "update") return { verb: "update", subresource: "scale" };
    return undefined;
  },
  "namespace-controller": (verb, resource, subresource) =>
    verb === "patch" && resource === "namespaces" && subresource === "" ? { verb: "update", subresource: "finalize" } : undefined,
};

/** The (verb, subresource) upstream would send for this simulated request, or undefined when the same. */
export function upstreamRequest(actor: string, verb: string, resource: string, subresource: string): Delta | undefined {
  return DELTAS[actor]?.(verb, resource, subresource);
}

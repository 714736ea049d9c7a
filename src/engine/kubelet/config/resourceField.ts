// resourceFieldRef: a container's own requests and limits as environment values, divided by a divisor
// and rounded up; an unset limit reads as the node's allocatable.
// mirrors ExtractContainerResourceValue / convertResourceCPUToString / convertResourceMemoryToString
// (k/k pkg/api/v1/resource/helpers.go) and defaultPodLimitsForDownwardAPI (pkg/kubelet/kubelet_resources.go).
import type { Container, Pod } from "../../api/types";
import { milliValue, parseQuantity, value, type Quantity } from "../../apimachinery/quantity";
import { parseQuantityCached } from "../../apiserver/defaults/resourceList";

interface ResourceFieldSelector {
  containerName?: string;
  resource?: string;
  divisor?: string;
}

const ONE = parseQuantity("1");

function quantityOf(list: Record<string, string> | undefined, name: string): Quantity | undefined {
  return list ? parseQuantityCached(list[name]) : undefined;
}

/** The value, or an error for an unknown resource or container. */
export function resourceFieldValue(pod: Pod, self: Container, fs: ResourceFieldSelector, nodeAllocatable?: Readonly<Record<string, string>>): string | { error: string } {
  const container = fs.containerName ? pod.spec.containers.find((c) => c.name === fs.containerName) : self;
  if (!container) return { error: `container ${fs.containerName} not found` };
  const divisor = parseQuantityCached(fs.divisor) ?? ONE;
  const [kind, name] = (fs.resource ?? "").split(".") as [string, string | undefined];
  if ((kind !== "limits" && kind !== "requests") || !name) return { error: `unsupported container resource : ${fs.resource ?? ""}` };
  let q = quantityOf(kind === "limits" ? container.resources?.limits : container.resources?.requests, name);
  // An unset limit is the node's allocatable; an unset request is 0.
  if (!q && kind === "limits") q = parseQuantityCached(nodeAllocatable?.[name]);
  if (!q) return "0";
  if (name === "cpu") {
    // convertResourceCPUToString: ceil(milli / divisorMilli).
    return String(Math.ceil(milliValue(q) / Math.max(1, milliValue(divisor))));
  }
  // memory, ephemeral-storage, hugepages: ceil(value / divisor).
  return String(Math.ceil(value(q) / Math.max(1, value(divisor))));
}

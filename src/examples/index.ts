// The editor's gallery of ready examples, in the order the Examples menu lists them.
import { CONFIG_EXAMPLES, STORAGE_EXAMPLES } from "./config";
import { NETWORKING_EXAMPLES } from "./networking";
import { POLICY_EXAMPLES } from "./policy";
import type { Example, ExampleCategory } from "./types";
import { WORKLOAD_EXAMPLES } from "./workloads";

export type { Example, ExampleCategory } from "./types";
export { exampleFileName } from "./types";

export const EXAMPLES: readonly Example[] = [
  ...WORKLOAD_EXAMPLES,
  ...NETWORKING_EXAMPLES,
  ...CONFIG_EXAMPLES,
  ...STORAGE_EXAMPLES,
  ...POLICY_EXAMPLES,
];

export const EXAMPLE_CATEGORIES: readonly ExampleCategory[] = ["Workloads", "Networking", "Configuration", "Storage", "Policy and tenancy"];

export function exampleById(id: string): Example | undefined {
  return EXAMPLES.find((e) => e.id === id);
}

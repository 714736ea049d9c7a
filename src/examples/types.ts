// An example in the editor's gallery: a short, commented manifest written for Kubelab, with what it
// teaches. `kinds` lists the kinds the file creates, in order (the gallery test checks it).

export type ExampleCategory = "Workloads" | "Networking" | "Configuration" | "Storage" | "Policy and tenancy";

export interface Example {
  /** Stable id, also the default file name without ".yaml". */
  readonly id: string;
  readonly title: string;
  /** One or two sentences: what it creates and what to watch for in Kubelab. */
  readonly description: string;
  readonly category: ExampleCategory;
  readonly kinds: readonly string[];
  readonly yaml: string;
}

/** The file name an example opens as in the editor. */
export function exampleFileName(e: Example): string {
  return `${e.id}.yaml`;
}

// AuditLog records every request the API server answers, as kube-apiserver's audit log does at the
// Metadata level: who (actor), what (verb, resource, namespace/name), when (simulated ms) and the
// response code. The page animates this stream as messages between components, the event log lists it,
// and lessons check it. Bounded: the oldest entries fall off; subscribers see every entry as it happens.

export type AuditVerb = "create" | "update" | "patch" | "delete" | "get" | "list" | "watch" | "deletecollection";

export interface AuditEntry {
  /** Sequence number, strictly increasing: the page uses it to ask for what it missed. */
  readonly seq: number;
  /** Simulated time in ms. */
  readonly t: number;
  /** "kubectl", "kube-scheduler", "kubelet/node-1", "replicaset-controller", ... */
  readonly actor: string;
  readonly verb: AuditVerb;
  readonly resource: string;
  readonly subresource?: string;
  readonly namespace?: string;
  readonly name?: string;
  /** HTTP status code of the response (200, 201, 404, 409, 422, ...). */
  readonly code: number;
  /** The resourceVersion the request produced or read, when it succeeded. */
  readonly rv?: string;
}

export class AuditLog {
  private readonly entries: AuditEntry[] = [];
  private start = 0;
  private seq = 0;
  private readonly subscribers: ((e: AuditEntry) => void)[] = [];

  constructor(private readonly limit = 10_000) {}

  record(e: Omit<AuditEntry, "seq">): AuditEntry {
    return this.append(e.t, e.actor, e.verb, e.resource, e.subresource, e.namespace, e.name, e.code, e.rv);
  }

  /** record() without an intermediate object: the API server's hot path (every request). */
  append(
    t: number,
    actor: string,
    verb: AuditVerb,
    resource: string,
    subresource: string | undefined,
    namespace: string | undefined,
    name: string | undefined,
    code: number,
    rv?: string,
  ): AuditEntry {
    // One literal with every field, always in this order: entries share one hidden class.
    const entry: AuditEntry = { seq: ++this.seq, t, actor, verb, resource, subresource, namespace, name, code, rv };
    this.entries.push(entry);
    if (this.entries.length - this.start > this.limit) {
      this.start += this.limit >> 2;
      if (this.start > this.limit) {
        this.entries.splice(0, this.start);
        this.start = 0;
      }
    }
    for (const s of this.subscribers) s(entry);
    return entry;
  }

  subscribe(fn: (e: AuditEntry) => void): () => void {
    this.subscribers.push(fn);
    return () => {
      const i = this.subscribers.indexOf(fn);
      if (i >= 0) this.subscribers.splice(i, 1);
    };
  }

  /** Retained entries with seq > afterSeq, oldest first. */
  since(afterSeq = 0): AuditEntry[] {
    const out: AuditEntry[] = [];
    for (let i = this.start; i < this.entries.length; i++) if (this.entries[i]!.seq > afterSeq) out.push(this.entries[i]!);
    return out;
  }

  get lastSeq(): number {
    return this.seq;
  }
}

// A node's disk: one flat map of absolute paths to file contents, where every volume that lives on the node
// is a directory — emptyDir under /var/lib/kubelet/pods/<uid>/volumes/kubernetes.io~empty-dir/<name>,
// hostPath wherever it points, local-path PVs under /var/local-path-provisioner. A DirView presents one
// directory as the VolumeFiles map a container's mount writes into (keys relative to the directory), so two
// hostPath volumes over /mnt and /mnt/data see the same files, as on a real machine.
// Invariants: keys are normalized absolute paths; a key ending in "/" marks an explicitly created directory
// (parents are implicit); the disk outlives pods and reboots (`sim node kill`/`restore`), while the tmpfs
// (emptyDir medium: Memory) is wiped when the machine stops.
import type { VolumeFiles } from "../behaviour/containerFs";

export class NodeDisk {
  readonly files = new Map<string, string>();
  /** RAM-backed files (emptyDir with medium: Memory), lost when the node stops. */
  readonly tmpfs = new Map<string, string>();

  /** A live view of directory `dir` (created if it does not exist, like DirectoryOrCreate). */
  dir(dir: string, memory = false): DirView {
    const map = memory ? this.tmpfs : this.files;
    const root = stripSlash(dir);
    if (!this.exists(root, memory)) map.set(`${root}/`, "");
    return new DirView(map, root);
  }

  /** True when `dir` was created or holds a file. */
  exists(dir: string, memory = false): boolean {
    const map = memory ? this.tmpfs : this.files;
    const prefix = `${stripSlash(dir)}/`;
    for (const k of map.keys()) if (k.startsWith(prefix)) return true;
    return false;
  }

  /** rm -rf `dir` (both media). */
  removeAll(dir: string): void {
    const prefix = `${stripSlash(dir)}/`;
    for (const map of [this.files, this.tmpfs]) for (const k of [...map.keys()]) if (k.startsWith(prefix)) map.delete(k);
  }

  /** The machine powered off: RAM is gone, the disk stays. */
  powerOff(): void {
    this.tmpfs.clear();
  }
}

function stripSlash(p: string): string {
  return p.length > 1 && p.endsWith("/") ? p.slice(0, -1) : p;
}

/**
 * DirView: the files under one directory of a disk, keyed relative to it. It is a Map so containerFs can use
 * it as a volume's VolumeFiles; every operation goes through to the disk (other views see it at once).
 */
export class DirView extends Map<string, string> implements VolumeFiles {
  private readonly prefix: string;

  constructor(
    private readonly disk: Map<string, string>,
    readonly root: string,
  ) {
    super();
    this.prefix = root === "/" ? "/" : `${root}/`;
  }

  override get(key: string): string | undefined {
    return this.disk.get(this.prefix + key);
  }

  override has(key: string): boolean {
    return this.disk.has(this.prefix + key);
  }

  override set(key: string, value: string): this {
    this.disk.set(this.prefix + key, value);
    return this;
  }

  override delete(key: string): boolean {
    return this.disk.delete(this.prefix + key);
  }

  override clear(): void {
    for (const k of [...this.disk.keys()]) if (k.startsWith(this.prefix) && k !== this.prefix) this.disk.delete(k);
  }

  override get size(): number {
    let n = 0;
    for (const k of this.disk.keys()) if (k.startsWith(this.prefix) && k !== this.prefix) n++;
    return n;
  }

  override *entries(): MapIterator<[string, string]> {
    for (const [k, v] of [...this.disk]) if (k.startsWith(this.prefix) && k !== this.prefix) yield [k.slice(this.prefix.length), v];
  }

  override *keys(): MapIterator<string> {
    for (const [k] of this.entries()) yield k;
  }

  override *values(): MapIterator<string> {
    for (const [, v] of this.entries()) yield v;
  }

  override [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }

  override forEach(cb: (value: string, key: string, map: Map<string, string>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) cb.call(thisArg, v, k, this);
  }
}

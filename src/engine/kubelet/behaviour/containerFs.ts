// A container's filesystem view: volume mounts over the container's own writable layer over the image.
// Files under a mount path live in that volume's file map (shared with the other containers mounting it and
// surviving container restarts: emptyDir for the pod's life, a PVC beyond it); every other path lives in the
// writable layer, which is thrown away when the container restarts (a new ContainerFs).
//
// Invariants:
// - Paths are normalized on the way in ("/a//b/" is "/a/b"); relative paths are relative to "/".
// - A volume's map is keyed by paths relative to the volume root ("index.html", "logs/app.log"); a key ending
//   in "/" marks an explicitly created, possibly empty, directory.
// - Parent directories are implicit: writing /a/b/c never fails for a missing /a/b (lenient on purpose:
//   unknown images have unknown directory trees). Writes fail only on read-only mounts and directories.
// - A file keeps at most MAX_FILE_BYTES: older content is dropped from the front, like log rotation.

/** Files of one volume, relative path → content. The lead owns these maps (one per emptyDir / PVC / ...). */
export type VolumeFiles = Map<string, string>;

export interface VolumeHandle {
  readonly files: VolumeFiles;
  /** configMap, secret, downwardAPI and projected volumes are always mounted read-only by the kubelet. */
  readonly readOnly?: boolean;
}

/** Supplied by the lead: the pod's volumes by name. */
export interface VolumeStore {
  get(volumeName: string): VolumeHandle | undefined;
}

export interface Mount {
  readonly mountPath: string;
  readonly volumeName: string;
  readonly files: VolumeFiles;
  readonly readOnly: boolean;
  /** Prefix inside the volume (volumeMounts[].subPath), "" for the root. */
  readonly subPath: string;
}

export const MAX_FILE_BYTES = 64 * 1024;

/** Directories every Linux image has. */
const STANDARD_DIRS = ["/", "/bin", "/dev", "/etc", "/home", "/mnt", "/opt", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/usr/bin", "/usr/local", "/usr/local/bin", "/usr/share", "/var", "/var/lib", "/var/log", "/var/run"];

/** Normalizes `path` against `cwd`: resolves ".", ".." and repeated slashes. */
export function normalizePath(path: string, cwd = "/"): string {
  const parts: string[] = [];
  const full = path.startsWith("/") ? path : `${cwd}/${path}`;
  for (const p of full.split("/")) {
    if (p === "" || p === ".") continue;
    if (p === "..") parts.pop();
    else parts.push(p);
  }
  return `/${parts.join("/")}`;
}

/** Resolves container.volumeMounts against the pod's volumes. A volume the store does not know is empty. */
export function resolveMounts(
  volumeMounts: readonly { name: string; mountPath: string; readOnly?: boolean; subPath?: string }[] | undefined,
  store: VolumeStore | undefined,
): Mount[] {
  const mounts: Mount[] = [];
  for (const vm of volumeMounts ?? []) {
    const handle = store?.get(vm.name);
    mounts.push({
      mountPath: normalizePath(vm.mountPath),
      volumeName: vm.name,
      files: handle?.files ?? new Map(),
      readOnly: vm.readOnly === true || handle?.readOnly === true,
      subPath: vm.subPath ? normalizePath(vm.subPath).slice(1) : "",
    });
  }
  // Longest mount path first, so /var/log/app wins over /var/log.
  return mounts.sort((a, b) => b.mountPath.length - a.mountPath.length || (a.mountPath < b.mountPath ? -1 : 1));
}

/** An image's files as a map, built once per image: every container of the image reads the same (read-only) map. */
const imageFileMaps = new WeakMap<object, ReadonlyMap<string, string>>();
const NO_IMAGE_FILES: ReadonlyMap<string, string> = new Map();

function imageFileMap(files: Readonly<Record<string, string>> | undefined): ReadonlyMap<string, string> {
  if (!files) return NO_IMAGE_FILES;
  let m = imageFileMaps.get(files);
  if (!m) imageFileMaps.set(files, (m = new Map(Object.entries(files))));
  return m;
}

export type WriteResult = "ok" | "readOnly" | "isDirectory";
export type RemoveResult = "ok" | "missing" | "readOnly" | "isDirectory";

interface Located {
  readonly mount?: Mount;
  /** Key in the mount's map (relative) or in the layer (absolute). */
  readonly key: string;
  /** The path is the mount point itself (always a directory). */
  readonly root?: boolean;
}

export class ContainerFs {
  /** The writable layer: absolute path → content, or null for a deleted image file (whiteout). */
  private readonly layer = new Map<string, string | null>();
  private readonly imageFiles: ReadonlyMap<string, string>;

  constructor(
    private readonly mounts: readonly Mount[],
    imageFiles?: Readonly<Record<string, string>>,
    /** Files the kubelet provides (/etc/hosts, /etc/hostname, /etc/resolv.conf), read-write like upstream. */
    kubeletFiles?: ReadonlyMap<string, string>,
  ) {
    this.imageFiles = imageFileMap(imageFiles);
    for (const [p, c] of kubeletFiles ?? []) this.layer.set(normalizePath(p), c);
  }

  private locate(rawPath: string): Located {
    const path = normalizePath(rawPath);
    for (const m of this.mounts) {
      if (path === m.mountPath || path.startsWith(`${m.mountPath}/`) || m.mountPath === "/") {
        const rest = path.slice(m.mountPath === "/" ? 1 : m.mountPath.length + 1);
        const key = m.subPath === "" ? rest : rest === "" ? m.subPath : `${m.subPath}/${rest}`;
        return { mount: m, key, root: rest === "" };
      }
    }
    return { key: path };
  }

  /** The volume a path belongs to, if any (for effects and the UI). */
  volumeOf(path: string): string | undefined {
    return this.locate(path).mount?.volumeName;
  }

  read(path: string): string | undefined {
    if (path === "/dev/null") return "";
    const { mount, key } = this.locate(path);
    if (mount) return key.endsWith("/") ? undefined : mount.files.get(key);
    const own = this.layer.get(key);
    if (own !== undefined) return own === null ? undefined : own;
    return this.imageFiles.get(key);
  }

  isDirectory(path: string): boolean {
    const { mount, key, root } = this.locate(path);
    if (mount) return root === true || key === "" || hasPrefix(mount.files.keys(), `${key}/`);
    if (STANDARD_DIRS.includes(key)) return true;
    if (this.mounts.some((m) => m.mountPath.startsWith(`${key}/`))) return true;
    const prefix = `${key}/`;
    for (const [k, v] of this.layer) if (v !== null && k.startsWith(prefix)) return true;
    for (const k of this.imageFiles.keys()) if (k.startsWith(prefix) && this.layer.get(k) !== null) return true;
    return false;
  }

  exists(path: string): boolean {
    return this.read(path) !== undefined || this.isDirectory(path);
  }

  isReadOnly(path: string): boolean {
    return this.locate(path).mount?.readOnly === true;
  }

  write(path: string, content: string, append: boolean): WriteResult {
    if (this.isDirectory(path)) return "isDirectory";
    const { mount, key } = this.locate(path);
    if (mount?.readOnly) return "readOnly";
    const before = append ? (this.read(path) ?? "") : "";
    let next = before + content;
    if (next.length > MAX_FILE_BYTES) {
      next = next.slice(next.length - MAX_FILE_BYTES);
      const nl = next.indexOf("\n");
      if (nl >= 0 && nl < next.length - 1) next = next.slice(nl + 1);
    }
    if (mount) mount.files.set(key, next);
    else this.layer.set(key, next);
    return "ok";
  }

  mkdir(path: string): WriteResult {
    if (this.read(path) !== undefined) return "isDirectory";
    const { mount, key } = this.locate(path);
    if (mount?.readOnly) return "readOnly";
    if (mount) {
      if (key !== "") mount.files.set(`${key}/`, "");
    } else this.layer.set(`${key}/`, "");
    return "ok";
  }

  remove(path: string, recursive: boolean): RemoveResult {
    const isFile = this.read(path) !== undefined;
    const isDir = !isFile && this.isDirectory(path);
    if (!isFile && !isDir) return "missing";
    if (isDir && !recursive) return "isDirectory";
    const { mount, key } = this.locate(path);
    if (mount?.readOnly) return "readOnly";
    if (mount) {
      if (isFile) mount.files.delete(key);
      else for (const k of [...mount.files.keys()]) if (key === "" || k === `${key}/` || k.startsWith(`${key}/`)) mount.files.delete(k);
      return "ok";
    }
    if (isFile) {
      if (this.imageFiles.has(key)) this.layer.set(key, null);
      else this.layer.delete(key);
      return "ok";
    }
    const prefix = `${key}/`;
    for (const k of [...this.layer.keys()]) if (k.startsWith(prefix)) this.layer.delete(k);
    for (const k of this.imageFiles.keys()) if (k.startsWith(prefix)) this.layer.set(k, null);
    return "ok";
  }

  /** Names directly inside a directory, sorted (ls order), or undefined if it is not a directory. */
  list(path: string): string[] | undefined {
    if (!this.isDirectory(path)) return undefined;
    const names = new Set<string>();
    const { mount, key } = this.locate(path);
    const add = (rel: string) => {
      const name = rel.split("/")[0];
      if (name) names.add(name);
    };
    if (mount) {
      const prefix = key === "" ? "" : `${key}/`;
      for (const k of mount.files.keys()) if (k.startsWith(prefix)) add(k.slice(prefix.length));
    } else {
      const prefix = key === "/" ? "/" : `${key}/`;
      for (const [k, v] of this.layer) if (v !== null && k.startsWith(prefix)) add(k.slice(prefix.length));
      for (const k of this.imageFiles.keys()) if (k.startsWith(prefix) && this.layer.get(k) !== null) add(k.slice(prefix.length));
      for (const m of this.mounts) if (m.mountPath.startsWith(prefix)) add(m.mountPath.slice(prefix.length));
    }
    return [...names].sort();
  }
}

function hasPrefix(keys: Iterable<string>, prefix: string): boolean {
  for (const k of keys) if (k.startsWith(prefix)) return true;
  return false;
}

// The real disk as the command language's FileSystem, for the headless runner (Node only).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import type { FileSystem } from "../engine/kubectl/env";

export function nodeFileSystem(cwd: string = process.cwd()): FileSystem {
  return {
    readFile(path) {
      try {
        const p = resolve(cwd, path);
        return statSync(p).isFile() ? readFileSync(p, "utf8") : undefined;
      } catch {
        return undefined;
      }
    },
    readDir(path) {
      try {
        const p = resolve(cwd, path);
        return statSync(p).isDirectory() ? readdirSync(p).sort() : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

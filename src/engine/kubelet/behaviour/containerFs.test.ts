import { describe, expect, it } from "vitest";
import { ContainerFs, MAX_FILE_BYTES, normalizePath, resolveMounts, type VolumeStore } from "./containerFs";

describe("normalizePath", () => {
  it("resolves dots, repeated and trailing slashes", () => {
    expect(normalizePath("/a//b/./c/../d/")).toBe("/a/b/d");
    expect(normalizePath("x/y", "/work")).toBe("/work/x/y");
    expect(normalizePath("/..")).toBe("/");
  });
});

describe("ContainerFs", () => {
  const volume = new Map<string, string>();
  const config = new Map([["color", "blue"]]);
  const store: VolumeStore = { get: (n) => (n === "data" ? { files: volume } : n === "config" ? { files: config, readOnly: true } : undefined) };
  const mounts = resolveMounts(
    [
      { name: "data", mountPath: "/var/log" },
      { name: "data", mountPath: "/var/log/app", subPath: "app" },
      { name: "config", mountPath: "/etc/config" },
    ],
    store,
  );

  it("routes paths to the longest matching mount, honouring subPath", () => {
    const fs = new ContainerFs(mounts);
    expect(fs.write("/var/log/app/x.log", "1\n", false)).toBe("ok");
    expect(fs.write("/var/log/y.log", "2\n", false)).toBe("ok");
    expect(volume.get("app/x.log")).toBe("1\n");
    expect(volume.get("y.log")).toBe("2\n");
    expect(fs.volumeOf("/var/log/app/x.log")).toBe("data");
    expect(fs.list("/var/log")).toEqual(["app", "y.log"]);
  });

  it("refuses writes to read-only mounts", () => {
    const fs = new ContainerFs(mounts);
    expect(fs.write("/etc/config/color", "red", false)).toBe("readOnly");
    expect(fs.remove("/etc/config/color", false)).toBe("readOnly");
    expect(fs.read("/etc/config/color")).toBe("blue");
  });

  it("hides deleted image files (whiteouts) and lists the rest", () => {
    const fs = new ContainerFs([], { "/usr/share/nginx/html/index.html": "hi", "/usr/share/nginx/html/50x.html": "err" });
    expect(fs.list("/usr/share/nginx/html")).toEqual(["50x.html", "index.html"]);
    expect(fs.remove("/usr/share/nginx/html/index.html", false)).toBe("ok");
    expect(fs.read("/usr/share/nginx/html/index.html")).toBeUndefined();
    expect(fs.list("/usr/share/nginx/html")).toEqual(["50x.html"]);
    expect(fs.remove("/usr/share/nginx", true)).toBe("ok");
    expect(fs.exists("/usr/share/nginx/html/50x.html")).toBe(false);
  });

  it("mount points are directories even when empty", () => {
    const fs = new ContainerFs(resolveMounts([{ name: "other", mountPath: "/data", subPath: "sub" }], store));
    expect(fs.isDirectory("/data")).toBe(true);
    expect(fs.list("/data")).toEqual([]);
  });

  it("keeps only the last MAX_FILE_BYTES of a growing file, from a line boundary", () => {
    const fs = new ContainerFs([]);
    const line = `${"x".repeat(99)}\n`;
    for (let i = 0; i < 1000; i++) fs.write("/tmp/log", line, true);
    const content = fs.read("/tmp/log") ?? "";
    expect(content.length).toBeLessThanOrEqual(MAX_FILE_BYTES);
    expect(content.startsWith("x")).toBe(true);
    expect(content.endsWith("\n")).toBe(true);
  });
});

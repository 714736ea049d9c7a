// A node's disk as the volume plugins see it: directories are views of one filesystem (a hostPath over /mnt
// sees what a hostPath over /mnt/data wrote), RAM-backed files go with the power.
import { describe, expect, it } from "vitest";
import { ContainerFs, resolveMounts } from "../behaviour/containerFs";
import { NodeDisk } from "./nodeDisk";

describe("NodeDisk / DirView", () => {
  it("views of nested directories share the files", () => {
    const disk = new NodeDisk();
    disk.dir("/mnt/data").set("index.html", "Hello\n");
    const mnt = disk.dir("/mnt");
    expect(mnt.get("data/index.html")).toBe("Hello\n");
    expect([...mnt.keys()].sort()).toEqual(["data/", "data/index.html"]);
    mnt.delete("data/index.html");
    expect(disk.dir("/mnt/data").get("index.html")).toBeUndefined();
  });

  it("serves as a container mount: writes land on the disk, reads see other writers", () => {
    const disk = new NodeDisk();
    const store = { get: () => ({ files: disk.dir("/var/log") }) };
    const fs = new ContainerFs(resolveMounts([{ name: "varlog", mountPath: "/var/log" }], store));
    expect(fs.write("/var/log/app.log", "line 1\n", true)).toBe("ok");
    expect(disk.files.get("/var/log/app.log")).toBe("line 1\n");
    disk.dir("/var/log").set("other.log", "x\n");
    expect(fs.list("/var/log")).toEqual(["app.log", "other.log"]);
    expect(fs.read("/var/log/other.log")).toBe("x\n");
  });

  it("exists/removeAll/powerOff", () => {
    const disk = new NodeDisk();
    expect(disk.exists("/tmp/demo")).toBe(false);
    disk.dir("/tmp/demo");
    expect(disk.exists("/tmp/demo")).toBe(true);
    disk.dir("/run/ram", true).set("f", "1");
    disk.dir("/keep").set("f", "1");
    disk.powerOff();
    expect(disk.exists("/run/ram", true)).toBe(false);
    expect(disk.dir("/keep").get("f")).toBe("1");
    disk.removeAll("/keep");
    expect(disk.exists("/keep")).toBe(false);
  });
});

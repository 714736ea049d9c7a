import { describe, expect, it } from "vitest";
import type { Container } from "../../api/types";
import { lookupImage } from "./images";
import { kubeletManagedFiles, managedHostsFileContent, resolvConfContent } from "./kubeletFiles";
import { compileBehaviour } from "./program";
import { createContainerProcess } from "./runtime";

describe("kubelet-managed files", () => {
  it("service/networking/hostaliases-pod.yaml prints the docs' /etc/hosts", () => {
    const input = {
      podIPs: ["10.200.0.5"],
      hostname: "hostaliases-pod",
      namespace: "default",
      hostAliases: [
        { ip: "127.0.0.1", hostnames: ["foo.local", "bar.local"] },
        { ip: "10.1.2.3", hostnames: ["foo.remote", "bar.remote"] },
      ],
    };
    // Expected text: docs/tasks/network/customize-hosts-file-for-pods.md.
    const expected = [
      "# Kubernetes-managed hosts file.",
      "127.0.0.1\tlocalhost",
      "::1\tlocalhost ip6-localhost ip6-loopback",
      "fe00::0\tip6-localnet",
      "fe00::0\tip6-mcastprefix",
      "fe00::1\tip6-allnodes",
      "fe00::2\tip6-allrouters",
      "10.200.0.5\thostaliases-pod",
      "",
      "# Entries added by HostAliases.",
      "127.0.0.1\tfoo.local\tbar.local",
      "10.1.2.3\tfoo.remote\tbar.remote",
      "",
    ].join("\n");
    expect(managedHostsFileContent(input)).toBe(expected);
    const c: Container = { name: "cat-hosts", image: "busybox:1.28", command: ["cat"], args: ["/etc/hosts"] };
    const p = createContainerProcess(c, compileBehaviour(c, lookupImage(c.image ?? "") ?? (undefined as never)), { kubeletFiles: kubeletManagedFiles(input) });
    const lines = p.start(0).flatMap((e) => (e.kind === "log" ? [e.line] : []));
    expect(lines.join("\n") + "\n").toBe(expected.replace(/\n$/, "\n"));
  });

  it("adds the FQDN for a pod with a subdomain", () => {
    expect(managedHostsFileContent({ podIPs: ["172.17.0.3"], hostname: "pod-hostname", subdomain: "pod-subdomain", namespace: "default" })).toContain(
      "172.17.0.3\tpod-hostname.pod-subdomain.default.svc.cluster.local\tpod-hostname\n",
    );
  });

  it("writes resolv.conf for ClusterFirst", () => {
    expect(resolvConfContent({ podIPs: [], hostname: "x", namespace: "default" })).toBe(
      "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n",
    );
  });
});

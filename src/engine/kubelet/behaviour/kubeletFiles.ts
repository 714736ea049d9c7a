// The files the kubelet and the runtime put into every container: /etc/hosts, /etc/hostname and
// /etc/resolv.conf (pass the result as ProcessOptions.kubeletFiles).
// mirrors managedHostsFileContent / hostsEntriesFromHostAliases (k/k pkg/kubelet/kubelet_pods.go) and
// containerd's resolv.conf writer (internal/cri/server/sandbox_run.go parseDNSOptions: search, nameserver,
// options, in that order).

export interface KubeletFilesInput {
  readonly podIPs: readonly string[];
  readonly hostname: string;
  /** Pod subdomain (spec.subdomain): adds `<hostname>.<subdomain>.<namespace>.svc.<clusterDomain>`. */
  readonly subdomain?: string;
  readonly namespace: string;
  readonly clusterDomain?: string;
  readonly hostAliases?: readonly { readonly ip: string; readonly hostnames?: readonly string[] }[];
  /** dnsPolicy ClusterFirst: the cluster DNS Service IP (kubeadm: 10.96.0.10). */
  readonly nameservers?: readonly string[];
  readonly searches?: readonly string[];
  readonly options?: readonly string[];
}

const MANAGED_HOSTS_HEADER = "# Kubernetes-managed hosts file.\n";

/** /etc/hosts as the kubelet writes it. */
export function managedHostsFileContent(i: KubeletFilesInput): string {
  let out = MANAGED_HOSTS_HEADER;
  out += "127.0.0.1\tlocalhost\n";
  out += "::1\tlocalhost ip6-localhost ip6-loopback\n";
  out += "fe00::0\tip6-localnet\n";
  out += "fe00::0\tip6-mcastprefix\n";
  out += "fe00::1\tip6-allnodes\n";
  out += "fe00::2\tip6-allrouters\n";
  const domain = i.subdomain ? `${i.subdomain}.${i.namespace}.svc.${i.clusterDomain ?? "cluster.local"}` : "";
  for (const ip of i.podIPs) out += domain ? `${ip}\t${i.hostname}.${domain}\t${i.hostname}\n` : `${ip}\t${i.hostname}\n`;
  if (i.hostAliases && i.hostAliases.length > 0) {
    out += "\n# Entries added by HostAliases.\n";
    for (const a of i.hostAliases) out += `${a.ip}\t${(a.hostnames ?? []).join("\t")}\n`;
  }
  return out;
}

/** /etc/resolv.conf for dnsPolicy ClusterFirst (search path of the pod's namespace, ndots:5). */
export function resolvConfContent(i: KubeletFilesInput): string {
  const cd = i.clusterDomain ?? "cluster.local";
  const searches = i.searches ?? [`${i.namespace}.svc.${cd}`, `svc.${cd}`, cd];
  const servers = i.nameservers ?? ["10.96.0.10"];
  const options = i.options ?? ["ndots:5"];
  let out = "";
  if (searches.length > 0) out += `search ${searches.join(" ")}\n`;
  if (servers.length > 0) out += `nameserver ${servers.join("\nnameserver ")}\n`;
  if (options.length > 0) out += `options ${options.join(" ")}\n`;
  return out;
}

export function kubeletManagedFiles(i: KubeletFilesInput): Map<string, string> {
  return new Map([
    ["/etc/hosts", managedHostsFileContent(i)],
    ["/etc/hostname", `${i.hostname}\n`],
    ["/etc/resolv.conf", resolvConfContent(i)],
  ]);
}

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

/**
 * The header and the loopback entries every managed hosts file starts with, as one flat string: each
 * pod's file is this plus its own lines (a short rope), not a copy, and not a rope of eight pieces.
 */
const MANAGED_HOSTS_PREAMBLE = [
  "# Kubernetes-managed hosts file.\n",
  "127.0.0.1\tlocalhost\n",
  "::1\tlocalhost ip6-localhost ip6-loopback\n",
  "fe00::0\tip6-localnet\n",
  "fe00::0\tip6-mcastprefix\n",
  "fe00::1\tip6-allnodes\n",
  "fe00::2\tip6-allrouters\n",
].join("");

/** /etc/hosts as the kubelet writes it. */
export function managedHostsFileContent(i: KubeletFilesInput): string {
  let out = MANAGED_HOSTS_PREAMBLE;
  const domain = i.subdomain ? `${i.subdomain}.${i.namespace}.svc.${i.clusterDomain ?? "cluster.local"}` : "";
  for (const ip of i.podIPs) out += domain ? `${ip}\t${i.hostname}.${domain}\t${i.hostname}\n` : `${ip}\t${i.hostname}\n`;
  if (i.hostAliases && i.hostAliases.length > 0) {
    out += "\n# Entries added by HostAliases.\n";
    for (const a of i.hostAliases) out += `${a.ip}\t${(a.hostnames ?? []).join("\t")}\n`;
  }
  return out;
}

/** The default resolv.conf per namespace and cluster domain: every pod of a namespace shares one string. */
const defaultResolvConf = new Map<string, string>();

/** /etc/resolv.conf for dnsPolicy ClusterFirst (search path of the pod's namespace, ndots:5). */
export function resolvConfContent(i: KubeletFilesInput): string {
  if (i.searches !== undefined || i.nameservers !== undefined || i.options !== undefined) return buildResolvConf(i);
  const key = `${i.namespace}\u0000${i.clusterDomain ?? ""}`;
  let out = defaultResolvConf.get(key);
  if (out === undefined) {
    out = buildResolvConf(i);
    if (defaultResolvConf.size >= 10_000) defaultResolvConf.clear();
    defaultResolvConf.set(key, out);
  }
  return out;
}

function buildResolvConf(i: KubeletFilesInput): string {
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

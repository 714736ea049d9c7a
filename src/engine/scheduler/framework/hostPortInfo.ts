// HostPortInfo: the host ports in use on a node, by IP and "protocol/port".
// Mirrors fwk.HostPortInfo (k8s.io/kube-scheduler/framework types.go: Add, Remove, CheckConflict).

export const DefaultBindAllHostIP = "0.0.0.0";

/**
 * HostPortInfo: ip → "protocol/port" → use count. Upstream keeps a set; a count keeps the index right even
 * when two pods bound with spec.nodeName (bypassing NodePorts) share a port.
 */
export class HostPortInfo {
  private readonly byIP = new Map<string, Map<string, number>>();

  private static key(protocol: string, port: number): string {
    return `${protocol === "" ? "TCP" : protocol}/${port}`;
  }

  add(ip: string, protocol: string, port: number): void {
    if (port <= 0) return;
    const host = ip === "" ? DefaultBindAllHostIP : ip;
    let m = this.byIP.get(host);
    if (!m) this.byIP.set(host, (m = new Map()));
    const k = HostPortInfo.key(protocol, port);
    m.set(k, (m.get(k) ?? 0) + 1);
  }

  remove(ip: string, protocol: string, port: number): void {
    if (port <= 0) return;
    const host = ip === "" ? DefaultBindAllHostIP : ip;
    const m = this.byIP.get(host);
    if (!m) return;
    const k = HostPortInfo.key(protocol, port);
    const n = (m.get(k) ?? 0) - 1;
    if (n > 0) m.set(k, n);
    else m.delete(k);
    if (m.size === 0) this.byIP.delete(host);
  }

  /** CheckConflict: 0.0.0.0 conflicts with every IP; a specific IP conflicts with itself and 0.0.0.0. */
  checkConflict(ip: string, protocol: string, port: number): boolean {
    if (port <= 0) return false;
    const host = ip === "" ? DefaultBindAllHostIP : ip;
    const k = HostPortInfo.key(protocol, port);
    if (host === DefaultBindAllHostIP) {
      for (const m of this.byIP.values()) if (m.has(k)) return true;
      return false;
    }
    return (this.byIP.get(DefaultBindAllHostIP)?.has(k) ?? false) || (this.byIP.get(host)?.has(k) ?? false);
  }

  get size(): number {
    return this.byIP.size;
  }

  clone(): HostPortInfo {
    const c = new HostPortInfo();
    for (const [ip, m] of this.byIP) c.byIP.set(ip, new Map(m));
    return c;
  }
}

// CIDR containment as Go's net.IPNet.Contains: network bits compared, IPv4 and IPv6 kept apart.
import { describe, expect, it } from "vitest";
import { cidrContains, parseCidr, parseIP } from "./cidr";

const contains = (cidr: string, ip: string): boolean => cidrContains(parseCidr(cidr)!, parseIP(ip)!);

describe("cidr", () => {
  it("contains addresses of its network only", () => {
    expect(contains("172.17.0.0/16", "172.17.255.255")).toBe(true);
    expect(contains("172.17.0.0/16", "172.18.0.0")).toBe(false);
    expect(contains("10.0.0.0/24", "10.0.0.77")).toBe(true);
    expect(contains("0.0.0.0/0", "8.8.8.8")).toBe(true);
    expect(contains("10.1.2.3/32", "10.1.2.3")).toBe(true);
    // A host address with a prefix names its network (net.ParseCIDR masks it).
    expect(contains("10.1.2.3/24", "10.1.2.200")).toBe(true);
  });

  it("handles IPv6 and keeps families apart", () => {
    expect(contains("fd00::/8", "fd12:3456::1")).toBe(true);
    expect(contains("2001:db8::/32", "2001:db9::1")).toBe(false);
    expect(contains("::/0", "10.0.0.1")).toBe(false);
    expect(parseIP("::ffff:10.0.0.1")).toEqual([true, 0xffff0a000001n]);
  });

  it("rejects malformed input", () => {
    expect(parseIP("10.0.0")).toBeUndefined();
    expect(parseIP("10.0.0.256")).toBeUndefined();
    expect(parseIP("1::2::3")).toBeUndefined();
    expect(parseCidr("10.0.0.0")).toBeUndefined();
    expect(parseCidr("10.0.0.0/33")).toBeUndefined();
  });
});

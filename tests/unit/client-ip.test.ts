import { afterEach, describe, expect, it, vi } from "vitest";
import { addressBucket, clientAddress } from "@/lib/client-ip";
import { requestInfoFrom } from "@/lib/portal-auth/context";

// Where the client's IP comes from: X-Forwarded-For is believed only behind our own proxy
// (TRUST_PROXY=1), and then its last address — the one the proxy saw.
afterEach(() => vi.unstubAllEnvs());

const headers = (h: Record<string, string>) => new Headers(h);

describe("client IP", () => {
  it("behind our own proxy, takes the address the proxy saw (the last one), not what the client claimed", () => {
    const h = headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" });
    expect(clientAddress(h, { trustProxy: true })).toEqual({ ip: "203.0.113.9", trusted: true });
    expect(clientAddress(headers({ "x-forwarded-for": "[2001:db8::7]:4711" }), { trustProxy: true })).toEqual({ ip: "2001:db8::7", trusted: true });
    expect(clientAddress(headers({ "x-forwarded-for": "198.51.100.4:5123" }), { trustProxy: true })).toEqual({ ip: "198.51.100.4", trusted: true });
  });

  it("without TRUST_PROXY, keeps the header for display but never trusts it (Next copies the socket address into it only when the client sent none)", () => {
    expect(clientAddress(headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" }), { trustProxy: false })).toEqual({ ip: "6.6.6.6", trusted: false });
    expect(clientAddress(headers({ "x-real-ip": "198.51.100.1" }), { trustProxy: false })).toEqual({ ip: "198.51.100.1", trusted: false });
    expect(clientAddress(headers({}), { trustProxy: false })).toEqual({ ip: null, trusted: false });
    // Behind the proxy, something that is not an address is not trusted either.
    expect(clientAddress(headers({ "x-forwarded-for": "unknown" }), { trustProxy: true })).toEqual({ ip: "unknown", trusted: false });
  });

  it("behind server.ts, which writes the socket's address into the header itself, trusts that address", () => {
    vi.stubEnv("CICLO_PEER_FROM_SOCKET", "1");
    expect(clientAddress(headers({ "x-forwarded-for": "203.0.113.9" }), { trustProxy: false })).toEqual({ ip: "203.0.113.9", trusted: true });
    expect(clientAddress(headers({ "x-forwarded-for": "" }), { trustProxy: false })).toEqual({ ip: null, trusted: false });
  });

  it("reads the TRUST_PROXY setting for the portal's request info", () => {
    const h = headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.9", "user-agent": "Firefox" });
    expect(requestInfoFrom(h)).toEqual({ ip: "6.6.6.6", userAgent: "Firefox", ipTrusted: false });
    vi.stubEnv("TRUST_PROXY", "1");
    expect(requestInfoFrom(h)).toEqual({ ip: "203.0.113.9", userAgent: "Firefox", ipTrusted: true });
  });

  it("counts IPv4 addresses one by one and IPv6 ones by their /64", () => {
    expect(addressBucket("203.0.113.9")).toBe("203.0.113.9");
    expect(addressBucket("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(addressBucket("2001:db8:a:b:1:2:3:4")).toBe("2001:0db8:000a:000b::/64");
    expect(addressBucket("2001:db8:a:b::99")).toBe("2001:0db8:000a:000b::/64");
    expect(addressBucket("2001:db8::1")).toBe("2001:0db8:0000:0000::/64");
    expect(addressBucket("::1")).toBe("0000:0000:0000:0000::/64");
    expect(addressBucket("not an ip")).toBeNull();
    expect(addressBucket(null)).toBeNull();
  });
});

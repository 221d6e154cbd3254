import { describe, expect, it } from "vitest";
import { isReservedLabel, normalizeHost, parseHost } from "@/lib/tenancy/host";

const ROOT = "localhost";

describe("normalizeHost", () => {
  it.each([
    ["acme.localhost", "acme.localhost"],
    ["acme.localhost:3000", "acme.localhost"],
    ["ACME.LOCALHOST", "acme.localhost"],
    ["Acme.LocalHost:443", "acme.localhost"],
    ["acme.localhost.", "acme.localhost"],
    ["acme.localhost.:3000", "acme.localhost"],
    ["billing.example.com.br", "billing.example.com.br"],
    ["127.0.0.1:3000", "127.0.0.1"],
    ["[::1]:3000", "[::1]"],
    ["[::1]", "[::1]"],
    ["[2001:DB8::1]", "[2001:db8::1]"],
    ["münchen.de", "xn--mnchen-3ya.de"],
    ["MÜNCHEN.de:8080", "xn--mnchen-3ya.de"],
    ["xn--mnchen-3ya.de", "xn--mnchen-3ya.de"],
    ["例え.テスト", "xn--r8jz45g.xn--zckzah"],
    ["pão.localhost", "xn--po-sia.localhost"],
  ])("%s -> %s", (raw, expected) => {
    expect(normalizeHost(raw)).toBe(expected);
  });

  it.each([
    [null],
    [undefined],
    [""],
    [" "],
    ["acme .localhost"],
    [" acme.localhost"],
    ["acme.localhost "],
    ["acme.localhost\t"],
    ["acme\n.localhost"],
    ["acme\u00a0.localhost"],
    ["a..b"],
    ["acme.localhost.."],
    [".acme.localhost"],
    ["."],
    ["user@acme.localhost"],
    ["user:pass@acme.localhost"],
    ["acme.localhost/portal"],
    ["acme.localhost\\x"],
    ["acme.localhost?x=1"],
    ["acme.localhost#x"],
    ["exa%41mple.com"],
    ["acme.localhost:"],
    ["acme.localhost:abc"],
    ["acme.localhost:0"],
    ["acme.localhost:65536"],
    ["acme.localhost:123456"],
    ["acme.localhost:80:80"],
    ["::1"],
    ["[::1"],
    ["[::1]x"],
    ["[not-an-ip]"],
    ["[fe80::1%25eth0]"],
    ["[::1]:99999"],
    ["-acme.localhost"],
    ["acme-.localhost"],
    ["ac_me.localhost"],
    ["ac!me.localhost"],
    ["ac*me.localhost"],
    ["xn--zz.localhost"],
    ["xn--.localhost"],
    ["1.2.3"],
    ["0x7f.0.0.1"],
    ["example.123"],
    [`${"a".repeat(64)}.com`],
    [`${"a".repeat(63)}.`.repeat(4) + "com"],
    ["a".repeat(2000)],
  ])("%j is not a host", (raw) => {
    expect(normalizeHost(raw)).toBeNull();
  });

  it("accepts a 63-character label and a 253-character name", () => {
    const label63 = "a".repeat(63);
    expect(normalizeHost(`${label63}.com`)).toBe(`${label63}.com`);
    const name253 = [label63, label63, label63, "b".repeat(61)].join("."); // 63*3 + 61 + 3 dots
    expect(name253).toHaveLength(253);
    expect(normalizeHost(name253)).toBe(name253);
    expect(normalizeHost(`${name253}.`)).toBe(name253); // the trailing dot is not counted
    expect(normalizeHost(`${name253}x`)).toBeNull();
  });
});

describe("parseHost", () => {
  it.each([
    ["localhost"],
    ["localhost:3000"],
    ["LOCALHOST"],
    ["localhost."],
    ["www.localhost"],
    ["WWW.localhost:3000"],
    ["127.0.0.1"],
    ["127.0.0.1:3000"],
    ["[::1]:3000"],
    ["[::1]"],
    ["10.0.0.5:8080"],
  ])("%s is the root host", (raw) => {
    expect(parseHost(raw, ROOT)).toEqual({ kind: "root" });
  });

  it.each([["api.localhost"], ["api.localhost:3000"], ["API.LOCALHOST"], ["api.localhost."]])("%s is the API host", (raw) => {
    expect(parseHost(raw, ROOT)).toEqual({ kind: "api" });
  });

  it.each([
    ["acme.localhost", "acme"],
    ["acme.localhost:3000", "acme"],
    ["ACME.LOCALHOST", "acme"],
    ["acme.localhost.", "acme"],
    ["acme-test.localhost:3000", "acme-test"],
    ["a.localhost", "a"],
    ["42.localhost", "42"],
    [`${"a".repeat(63)}.localhost`, "a".repeat(63)],
    ["pão.localhost", "xn--po-sia"],
    ["xn--po-sia.localhost", "xn--po-sia"],
  ])("%s is tenant %s", (raw, slug) => {
    expect(parseHost(raw, ROOT)).toEqual({ kind: "tenant", slug });
  });

  it.each([
    ["billing.acme.com.br", "billing.acme.com.br"],
    ["Billing.Acme.COM:443", "billing.acme.com"],
    ["acme.com.", "acme.com"],
    ["www.acme.com", "www.acme.com"],
    ["münchen.de", "xn--mnchen-3ya.de"],
    // The root domain as a substring is not a match.
    ["evillocalhost", "evillocalhost"],
    ["localhost.evil.com", "localhost.evil.com"],
    ["acme.localhost.evil.com", "acme.localhost.evil.com"],
    ["api.localhost.evil.com", "api.localhost.evil.com"],
  ])("%s is custom domain %s", (raw, hostname) => {
    expect(parseHost(raw, ROOT)).toEqual({ kind: "custom", hostname });
  });

  it.each([
    [null, "empty"],
    ["", "empty"],
    ["a b.localhost", "whitespace"],
    ["bad..host", "label"],
    ["user@acme.localhost", "userinfo"],
    ["acme.localhost/x", "path"],
    ["acme.localhost:99999", "port"],
    ["a.b.localhost", "nested_subdomain"],
    ["www.acme.localhost", "nested_subdomain"],
    ["admin.localhost", "reserved"],
    ["app.localhost", "reserved"],
    ["mail.localhost:3000", "reserved"],
    [`${"a".repeat(64)}.localhost`, "label"],
    ["xn--zz.localhost", "idn"],
  ])("%j is invalid (%s)", (raw, reason) => {
    expect(parseHost(raw, ROOT)).toEqual({ kind: "invalid", reason });
  });

  describe("with a multi-label root domain", () => {
    const root = "ciclo.example.com";

    it("classifies root, www, api, tenants and custom domains", () => {
      expect(parseHost("ciclo.example.com", root)).toEqual({ kind: "root" });
      expect(parseHost("www.ciclo.example.com:443", root)).toEqual({ kind: "root" });
      expect(parseHost("api.ciclo.example.com", root)).toEqual({ kind: "api" });
      expect(parseHost("acme.ciclo.example.com", root)).toEqual({ kind: "tenant", slug: "acme" });
      expect(parseHost("example.com", root)).toEqual({ kind: "custom", hostname: "example.com" });
      expect(parseHost("xciclo.example.com", root)).toEqual({ kind: "custom", hostname: "xciclo.example.com" });
      expect(parseHost("localhost", root)).toEqual({ kind: "custom", hostname: "localhost" });
    });

    it("does not treat regex metacharacters in the root domain as patterns", () => {
      // An unescaped `.` would let "cicloXexample.com" pass as the root.
      expect(parseHost("acme.cicloxexample.com", root)).toEqual({ kind: "custom", hostname: "acme.cicloxexample.com" });
      expect(parseHost("ciclo-example.com", root)).toEqual({ kind: "custom", hostname: "ciclo-example.com" });
    });

    it("accepts the root domain in any case, with a port or a trailing dot", () => {
      expect(parseHost("acme.ciclo.example.com", "Ciclo.Example.COM.")).toEqual({ kind: "tenant", slug: "acme" });
      expect(parseHost("acme.ciclo.example.com", "ciclo.example.com:8443")).toEqual({ kind: "tenant", slug: "acme" });
    });
  });

  it("refuses an invalid root domain loudly (configuration error)", () => {
    expect(() => parseHost("acme.localhost", "not a domain")).toThrow(/ROOT_DOMAIN/);
  });

  it("knows the reserved labels", () => {
    for (const label of ["www", "api", "admin", "app", "mail"]) expect(isReservedLabel(label)).toBe(true);
    expect(isReservedLabel("acme")).toBe(false);
  });
});

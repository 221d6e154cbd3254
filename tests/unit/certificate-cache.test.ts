import { describe, expect, it } from "vitest";
import { CertificateCache, type CertificateSource, type ServableCertificate } from "@/lib/server/certificate-cache";
import { createCertificate } from "@/lib/server/x509";

// The cache's bookkeeping with a source under the test's control: one load per host however
// many handshakes wait, the LRU bound, negative entries, and notifications that win over older
// loads and lists. tests/server/tls-serving.test.ts covers it with the database and Pebble.
const certificateFor = (host: string, serialNumber: string): ServableCertificate => {
  const made = createCertificate({ commonName: host, dnsNames: [host] });
  return { certificatePem: made.certificatePem, privateKeyPem: made.privateKeyPem, notAfter: new Date(Date.now() + 86_400_000), serialNumber };
};

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A source serving `certs` (host -> serial), counting loads; `hold` keeps the loads asked meanwhile waiting. */
function fakeSource(certs: Map<string, string>) {
  const calls: string[] = [];
  let gate: Promise<void> | null = null;
  const source: CertificateSource & { calls: string[]; hold(): { stopHolding(): void; release(): void } } = {
    calls,
    servable: async () => new Map(certs),
    load: async (host) => {
      calls.push(host);
      const serial = certs.get(host); // read when asked, as the database would be
      if (gate) await gate;
      return serial ? certificateFor(host, serial) : null;
    },
    hold() {
      const d = deferred<void>();
      gate = d.promise;
      return { stopHolding: () => (gate = null), release: () => d.resolve() };
    },
  };
  return source;
}

describe("CertificateCache", () => {
  it("loads a host once however many handshakes ask at the same time, then serves it from memory", async () => {
    const source = fakeSource(new Map([["a.example.test", "01"]]));
    const cache = new CertificateCache(source);
    await cache.refresh();
    const contexts = await Promise.all(Array.from({ length: 20 }, () => cache.contextFor("A.example.test")));
    expect(new Set(contexts).size).toBe(1);
    expect(contexts[0]).toBeDefined();
    expect(await cache.contextFor("a.example.test.")).toBe(contexts[0]);
    expect(source.calls).toEqual(["a.example.test"]);
  });

  it("never asks the source about names outside the index", async () => {
    const source = fakeSource(new Map([["a.example.test", "01"]]));
    const cache = new CertificateCache(source);
    await cache.refresh();
    for (const name of ["b.example.test", "localhost", "", "not a name", "x".repeat(300)]) expect(await cache.contextFor(name)).toBeUndefined();
    expect(source.calls).toEqual([]);
  });

  it("keeps at most maxContexts contexts, dropping the least recently used", async () => {
    const hosts = ["h1.example.test", "h2.example.test", "h3.example.test"];
    const source = fakeSource(new Map(hosts.map((h) => [h, "01"])));
    const cache = new CertificateCache(source, { maxContexts: 2 });
    await cache.refresh();
    await cache.contextFor(hosts[0]!);
    await cache.contextFor(hosts[1]!);
    await cache.contextFor(hosts[0]!); // h1 used last: h2 goes first
    await cache.contextFor(hosts[2]!);
    expect(cache.snapshot().contexts).toBe(2);
    await cache.contextFor(hosts[0]!);
    await cache.contextFor(hosts[1]!);
    expect(source.calls).toEqual([hosts[0], hosts[1], hosts[2], hosts[1]]);
  });

  it("keeps a negative entry for a host whose load failed, and tries again after it expires", async () => {
    let now = 1_000_000;
    const source = fakeSource(new Map([["a.example.test", "01"]]));
    const failing: CertificateSource = { servable: source.servable, load: async () => Promise.reject(new Error("database down")) };
    const errors: string[] = [];
    const cache = new CertificateCache(failing, { negativeTtlMs: 60_000, now: () => now, onError: (m) => errors.push(m) });
    await cache.refresh();
    expect(await cache.contextFor("a.example.test")).toBeUndefined();
    expect(await cache.contextFor("a.example.test")).toBeUndefined();
    expect(cache.stats.loads).toBe(1);
    expect(errors).toEqual(["loading the certificate of a.example.test failed"]);
    now += 60_001;
    await cache.contextFor("a.example.test");
    expect(cache.stats.loads).toBe(2);
  });

  it("lets a notification win over a load that started before it and ends after it", async () => {
    const certs = new Map([["a.example.test", "01"]]);
    const source = fakeSource(certs);
    const cache = new CertificateCache(source);
    await cache.refresh();
    const held = source.hold();
    const stale = cache.contextFor("a.example.test"); // reads serial 01, then waits
    await new Promise<void>((resolve) => setImmediate(resolve));
    held.stopHolding();
    certs.set("a.example.test", "02"); // renewed and notified while that load waits
    await cache.hostChanged("a.example.test");
    held.release();
    const staleContext = await stale;
    source.calls.length = 0;
    const context = await cache.contextFor("a.example.test");
    expect(context).toBeDefined();
    expect(context).not.toBe(staleContext);
    expect(source.calls).toEqual([]); // served from the notification's load (serial 02)
    await cache.refresh();
    expect(await cache.contextFor("a.example.test")).toBe(context);
  });

  it("does not let a load that started before a notification put a removed host back, even after a full refresh in between", async () => {
    const certs = new Map([["a.example.test", "01"]]);
    const source = fakeSource(certs);
    const cache = new CertificateCache(source);
    await cache.refresh();
    const held = source.hold();
    const stale = cache.contextFor("a.example.test"); // reads serial 01, then waits
    await new Promise<void>((resolve) => setImmediate(resolve));
    held.stopHolding();
    certs.delete("a.example.test"); // the domain is removed and notified while that load waits
    await cache.hostChanged("a.example.test");
    await cache.refresh(); // a full refresh also runs before the old load ends
    held.release();
    await stale;
    source.calls.length = 0;
    expect(await cache.contextFor("a.example.test")).toBeUndefined();
    expect(cache.snapshot().servable).toBe(0);
    expect(source.calls).toEqual([]);
  });

  it("keeps what a notification found over a full list read before it, and drops contexts whose serial changed", async () => {
    const certs = new Map([["a.example.test", "01"]]);
    const source = fakeSource(certs);
    const cache = new CertificateCache(source);
    await cache.refresh();
    const first = await cache.contextFor("a.example.test");

    const list = deferred<Map<string, string>>();
    const slowList: CertificateSource = { servable: () => list.promise, load: source.load };
    const racing = new CertificateCache(slowList);
    const refreshing = racing.refresh(); // reads the list before b exists
    certs.set("b.example.test", "01");
    await racing.hostChanged("b.example.test");
    list.resolve(new Map([["a.example.test", "01"]]));
    await refreshing;
    expect(await racing.contextFor("b.example.test")).toBeDefined();

    certs.set("a.example.test", "02"); // renewed with no notification: the next full refresh sees it
    await cache.refresh();
    const second = await cache.contextFor("a.example.test");
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
  });
});

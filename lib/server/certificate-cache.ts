import type tls from "node:tls";
import { normalizeHost } from "@/lib/tenancy/host";
import { secureContextFor } from "./tls-policy";

// The certificates the HTTPS listener serves by SNI, in memory. Two layers:
// - the index: every host that has a certificate that may be served now (verified domain of an
//   active organization, not expired), with the certificate's serial. Filled in full at start and
//   on a schedule, and host by host on notifications. It is the gate: a name that is not in it
//   gets the default certificate without any database query, so a flood of random SNI names
//   costs a Map lookup each.
// - the contexts: a tls.SecureContext per host, built on the first handshake for the host
//   (decrypting the key), kept in an LRU bounded by count with a TTL, dropped when the index
//   shows another serial. A host whose load fails gets a negative entry for a while.
export type ServableCertificate = { certificatePem: string; privateKeyPem: string; notAfter: Date; serialNumber: string };

export type CertificateSource = {
  /** Host -> serial number of every certificate that may be served now. */
  servable(): Promise<Map<string, string>>;
  /** The host's certificate and decrypted key, or null when it may not be served. */
  load(hostname: string): Promise<ServableCertificate | null>;
};

export type CertificateCacheOptions = {
  /** Loaded contexts kept (least recently used dropped first). Default 5 000. */
  maxContexts?: number;
  /** A context is loaded again (the guard checked again) after this long. Default 1 hour. */
  contextTtlMs?: number;
  /** A host whose load failed or was refused is not tried again for this long. Default 60 s. */
  negativeTtlMs?: number;
  /** A handshake waits this long for a load, then gets the default certificate. Default 5 s. */
  loadTimeoutMs?: number;
  onError?: (message: string, error: unknown) => void;
  now?: () => number;
};

type Entry = { context: tls.SecureContext; serial: string; expiresAt: number };

export type CacheStats = { servable: number; contexts: number; negative: number; loads: number; hits: number; defaults: number; failures: number };

export class CertificateCache {
  private index = new Map<string, string>();
  private contexts = new Map<string, Entry>();
  private negative = new Map<string, number>();
  private loading = new Map<string, Promise<tls.SecureContext | undefined>>();
  /** Per host, the generation of its last notification: older loads and lists must not overwrite it. */
  private touched = new Map<string, number>();
  private generation = 0;
  private refreshing: Promise<void> | null = null;
  private readonly options: Required<Omit<CertificateCacheOptions, "onError">> & Pick<CertificateCacheOptions, "onError">;
  readonly stats = { loads: 0, hits: 0, defaults: 0, failures: 0 };

  constructor(
    private readonly source: CertificateSource,
    options: CertificateCacheOptions = {},
  ) {
    this.options = {
      maxContexts: options.maxContexts ?? 5_000,
      contextTtlMs: options.contextTtlMs ?? 60 * 60_000,
      negativeTtlMs: options.negativeTtlMs ?? 60_000,
      loadTimeoutMs: options.loadTimeoutMs ?? 5_000,
      onError: options.onError,
      now: options.now ?? Date.now,
    };
  }

  /**
   * For tls.createServer: the host's context, or undefined for the listener's default certificate.
   * Answered synchronously from memory; only a host to load waits for the database.
   */
  readonly sniCallback = (servername: string, callback: (error: Error | null, context?: tls.SecureContext) => void): void => {
    const known = this.lookup(servername);
    if (typeof known !== "string") return callback(null, known?.context);
    this.withTimeout(this.load(known)).then(
      (context) => callback(null, context),
      () => callback(null, undefined), // never fail a handshake over a cache problem
    );
  };

  /** The context for an SNI name, or undefined: not a custom domain with a servable certificate. */
  async contextFor(servername: string): Promise<tls.SecureContext | undefined> {
    const known = this.lookup(servername);
    return typeof known === "string" ? this.withTimeout(this.load(known)) : known?.context;
  }

  /** From memory: the context (undefined: the default certificate), or the host name to load. */
  private lookup(servername: string): { context: tls.SecureContext | undefined } | string {
    // Index keys are normalized names: an SNI name that already is one skips normalizeHost's checks.
    let host: string | null = servername.toLowerCase();
    let serial = this.index.get(host);
    if (serial === undefined) {
      host = normalizeHost(servername);
      serial = host ? this.index.get(host) : undefined;
    }
    if (!host || serial === undefined) {
      this.stats.defaults++;
      return { context: undefined };
    }
    const now = this.options.now();
    const entry = this.contexts.get(host);
    if (entry && entry.serial === serial && entry.expiresAt > now) {
      this.contexts.delete(host); // most recently used last
      this.contexts.set(host, entry);
      this.stats.hits++;
      return { context: entry.context };
    }
    const retryAt = this.negative.get(host);
    if (retryAt !== undefined && retryAt > now) {
      this.stats.defaults++;
      return { context: undefined };
    }
    return host;
  }

  /** One load per host at a time, however many handshakes ask for it meanwhile. */
  private load(host: string): Promise<tls.SecureContext | undefined> {
    let pending = this.loading.get(host);
    if (!pending) {
      const startedAt = this.generation;
      pending = this.fetch(host, startedAt).finally(() => this.loading.delete(host));
      this.loading.set(host, pending);
    }
    return pending;
  }

  private async fetch(host: string, startedAt: number): Promise<tls.SecureContext | undefined> {
    this.stats.loads++;
    let certificate: ServableCertificate | null;
    let context: tls.SecureContext | undefined;
    try {
      certificate = await this.source.load(host);
      context = certificate ? secureContextFor(certificate) : undefined;
    } catch (error) {
      this.stats.failures++;
      this.options.onError?.(`loading the certificate of ${host} failed`, error);
      this.negative.set(host, this.options.now() + this.options.negativeTtlMs);
      this.bound(this.negative);
      return undefined;
    }
    // A notification for the host arrived while this load ran: its own load decides.
    if ((this.touched.get(host) ?? -1) > startedAt) return context;
    this.remember(host, certificate, context);
    return context;
  }

  private remember(host: string, certificate: ServableCertificate | null, context: tls.SecureContext | undefined): void {
    const now = this.options.now();
    if (!certificate || !context) {
      this.index.delete(host);
      this.contexts.delete(host);
      this.negative.set(host, now + this.options.negativeTtlMs);
      this.bound(this.negative);
      return;
    }
    this.negative.delete(host);
    this.index.set(host, certificate.serialNumber);
    this.contexts.delete(host);
    this.contexts.set(host, { context, serial: certificate.serialNumber, expiresAt: Math.min(now + this.options.contextTtlMs, certificate.notAfter.getTime()) });
    this.bound(this.contexts);
  }

  private bound(map: Map<string, unknown>): void {
    while (map.size > this.options.maxContexts) map.delete(map.keys().next().value!);
  }

  private withTimeout(pending: Promise<tls.SecureContext | undefined>): Promise<tls.SecureContext | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => {
        this.stats.defaults++;
        resolve(undefined);
      }, this.options.loadTimeoutMs);
    });
    return Promise.race([pending, timeout]).finally(() => clearTimeout(timer));
  }

  /**
   * A notification: the host's certificate was stored, renewed or deleted (or its domain removed).
   * Its context is rebuilt now from the database, so the next handshake already has it.
   */
  async hostChanged(hostname: string): Promise<void> {
    const host = normalizeHost(hostname);
    if (!host) return;
    const generation = ++this.generation;
    this.touched.set(host, generation);
    this.contexts.delete(host);
    this.negative.delete(host);
    try {
      const certificate = await this.source.load(host);
      if (this.touched.get(host) !== generation) return; // a newer notification took over
      this.remember(host, certificate, certificate ? secureContextFor(certificate) : undefined);
      if (!certificate) this.negative.delete(host); // simply not servable: the index gates it
    } catch (error) {
      this.stats.failures++;
      this.options.onError?.(`reloading the certificate of ${host} failed`, error);
      if (this.touched.get(host) === generation) this.index.delete(host); // the next full refresh puts it back
    }
  }

  /** The whole index from the database (start, schedule, after the listener reconnects). */
  refresh(): Promise<void> {
    this.refreshing ??= this.refreshOnce().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async refreshOnce(): Promise<void> {
    const startedAt = this.generation;
    const listed = await this.source.servable();
    // Hosts notified while the list was read keep what their notification found.
    for (const [host, generation] of this.touched) {
      if (generation <= startedAt) {
        // The list is newer than that notification; a load of the host still in flight may have
        // started before it, though, and must go on seeing it (fetch), so its mark stays.
        if (!this.loading.has(host)) this.touched.delete(host);
        continue;
      }
      const current = this.index.get(host);
      if (current === undefined) listed.delete(host);
      else listed.set(host, current);
    }
    this.index = listed;
    for (const [host, entry] of this.contexts) if (listed.get(host) !== entry.serial) this.contexts.delete(host);
    for (const host of this.negative.keys()) if (!listed.has(host)) this.negative.delete(host);
  }

  snapshot(): CacheStats {
    return { servable: this.index.size, contexts: this.contexts.size, negative: this.negative.size, ...this.stats };
  }
}

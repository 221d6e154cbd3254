import http from "node:http";
import https from "node:https";
import type net from "node:net";
import type { Env } from "@/lib/env";
import { log } from "@/lib/log";
import { CertificateCache, type CacheStats, type CertificateCacheOptions, type CertificateSource } from "./certificate-cache";
import { databaseCertificateSource, syncCertificateCache } from "./certificate-source";
import { loadDefaultCertificate, reloadIfChanged, type DefaultCertificate } from "./default-certificate";
import { httpsRedirectHandler } from "./http-redirect";
import { ALPN_PROTOCOLS, tlsPolicy } from "./tls-policy";

// server.ts's TLS mode: HTTPS with a certificate per custom domain picked by SNI (the cache,
// kept in step with the database across nodes) and the default certificate for everything
// else, plus the plain-HTTP listener for ACME challenges and redirects. The app (Next.js, or a
// test's handler) is the same request handler on both.
export type TlsSettings = {
  httpsPort: number;
  /** null: no plain-HTTP listener (ACME HTTP-01 then needs another node or proxy on port 80). */
  httpPort: number | null;
  /** The port in redirects when clients reach HTTPS on another port than the listener's. */
  publicHttpsPort?: number;
  rootDomain: string;
  certFile?: string;
  keyFile?: string;
  /** Full refresh of the certificate index (and check of the default certificate's files). Default 5 min. */
  refreshIntervalMs?: number;
};

/** TLS mode is on when HTTPS_PORT is set; null means plain HTTP on PORT, as before. */
export function tlsSettingsFromEnv(e: Env): TlsSettings | null {
  if (!e.HTTPS_PORT) return null;
  return {
    httpsPort: e.HTTPS_PORT,
    httpPort: e.HTTP_PORT,
    publicHttpsPort: e.HTTPS_PUBLIC_PORT,
    rootDomain: e.ROOT_DOMAIN,
    certFile: e.TLS_CERT_FILE,
    keyFile: e.TLS_KEY_FILE,
  };
}

export type TlsServing = {
  https: https.Server;
  http: http.Server | null;
  cache: CertificateCache;
  defaultCertificate: () => DefaultCertificate;
  stats: () => CacheStats;
  close: () => Promise<void>;
};

function listen(server: net.Server, port: number, hostname: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => {
      server.off("error", reject);
      resolve((server.address() as net.AddressInfo).port);
    });
  });
}

function closeServer(server: http.Server | https.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

const reportError = (message: string, error: unknown) => log.error(message, { error });

export async function startTlsServing(input: {
  handler: http.RequestListener;
  settings: TlsSettings;
  databaseUrl: string;
  /** Bind address; all interfaces when absent. */
  hostname?: string;
  /** Tests and benchmarks: another source or cache bounds. */
  source?: CertificateSource;
  cacheOptions?: CertificateCacheOptions;
}): Promise<TlsServing> {
  const { settings } = input;
  const files = { certFile: settings.certFile, keyFile: settings.keyFile };
  let defaultCertificate = loadDefaultCertificate(files, settings.rootDomain);
  if (defaultCertificate.origin === "self-signed") {
    const say = process.env.NODE_ENV === "production" ? log.warn : log.info;
    say("TLS_CERT_FILE/TLS_KEY_FILE not set: serving a self-signed certificate for the root domain and unknown names", { rootDomain: settings.rootDomain });
  }

  const cache = new CertificateCache(input.source ?? databaseCertificateSource(), { onError: reportError, ...input.cacheOptions });
  const sync = await syncCertificateCache(cache, { databaseUrl: input.databaseUrl, refreshIntervalMs: settings.refreshIntervalMs, onError: reportError });

  const secure = https.createServer(
    {
      ...tlsPolicy,
      cert: defaultCertificate.certificatePem,
      key: defaultCertificate.privateKeyPem,
      SNICallback: cache.sniCallback,
      ALPNProtocols: ALPN_PROTOCOLS,
      handshakeTimeout: 10_000,
    },
    input.handler,
  );
  // Refused handshakes (TLS 1.0/1.1, no shared cipher, scanners) are routine: not logged as errors.
  secure.on("tlsClientError", (error) => log.debug("TLS handshake refused", { code: (error as { code?: string }).code }));

  const reloadTimer = setInterval(() => {
    try {
      const reloaded = reloadIfChanged(files, defaultCertificate);
      if (!reloaded) return;
      secure.setSecureContext({ ...tlsPolicy, cert: reloaded.certificatePem, key: reloaded.privateKeyPem });
      defaultCertificate = reloaded;
      log.info("default certificate reloaded from TLS_CERT_FILE");
    } catch (error) {
      reportError("reloading TLS_CERT_FILE/TLS_KEY_FILE failed; the previous certificate stays", error);
    }
  }, settings.refreshIntervalMs ?? 5 * 60_000);
  reloadTimer.unref();

  let plain: http.Server | null = null;
  try {
    const httpsPort = await listen(secure, settings.httpsPort, input.hostname);
    const redirectPort = settings.publicHttpsPort ?? httpsPort;
    if (settings.httpPort !== null) {
      plain = http.createServer(httpsRedirectHandler({ app: input.handler, httpsPort: () => redirectPort }));
      await listen(plain, settings.httpPort, input.hostname);
    }
  } catch (error) {
    clearInterval(reloadTimer);
    if (secure.listening) await closeServer(secure);
    await sync.stop();
    throw error;
  }

  return {
    https: secure,
    http: plain,
    cache,
    defaultCertificate: () => defaultCertificate,
    stats: () => cache.snapshot(),
    close: async () => {
      clearInterval(reloadTimer);
      await Promise.all([closeServer(secure), plain ? closeServer(plain) : Promise.resolve()]);
      await sync.stop();
    },
  };
}

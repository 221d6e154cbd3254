import tls from "node:tls";

// The TLS policy of every certificate the HTTPS listener serves (default and per host):
// TLS 1.2 and 1.3 only, and exactly the cipher suites the API docs list, in this order of
// preference (honorCipherOrder): the three TLS 1.3 suites, then ECDHE with AES-GCM,
// ChaCha20-Poly1305 and AES-CBC-SHA2 for TLS 1.2, each for ECDSA and RSA keys. Ciclo's own
// certificates are ECDSA P-256; the RSA suites serve an RSA default certificate (TLS_CERT_FILE).
export const TLS_MIN_VERSION = "TLSv1.2" as const;

export const TLS_CIPHERS = [
  "TLS_AES_128_GCM_SHA256",
  "TLS_AES_256_GCM_SHA384",
  "TLS_CHACHA20_POLY1305_SHA256",
  "ECDHE-ECDSA-AES128-GCM-SHA256",
  "ECDHE-RSA-AES128-GCM-SHA256",
  "ECDHE-ECDSA-AES256-GCM-SHA384",
  "ECDHE-RSA-AES256-GCM-SHA384",
  "ECDHE-ECDSA-CHACHA20-POLY1305",
  "ECDHE-RSA-CHACHA20-POLY1305",
  "ECDHE-ECDSA-AES128-SHA256",
  "ECDHE-RSA-AES128-SHA256",
  "ECDHE-ECDSA-AES256-SHA384",
  "ECDHE-RSA-AES256-SHA384",
] as const;

/** HTTP/1.1 only: Next's request handler speaks node:http; HTTP/2 is not offered (docs/tls.md). */
export const ALPN_PROTOCOLS = ["http/1.1"];

/** Options every secure context and the listener share. */
export const tlsPolicy = {
  minVersion: TLS_MIN_VERSION,
  ciphers: TLS_CIPHERS.join(":"),
  honorCipherOrder: true,
} satisfies tls.SecureContextOptions;

/**
 * A secure context for one certificate chain (leaf first, then intermediates) and its key,
 * with the policy above: the context an SNI callback hands back carries the same rules.
 */
export function secureContextFor(certificate: { certificatePem: string; privateKeyPem: string }): tls.SecureContext {
  return tls.createSecureContext({ ...tlsPolicy, cert: certificate.certificatePem, key: certificate.privateKeyPem });
}

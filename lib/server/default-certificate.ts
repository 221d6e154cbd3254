import fs from "node:fs";
import tls from "node:tls";
import { createCertificate } from "./x509";

// The certificate for the root domain (admin, API, <slug>.ROOT_DOMAIN portals) and for every
// SNI name that is not a custom domain with a certificate (or no SNI at all). From
// TLS_CERT_FILE / TLS_KEY_FILE (PEM; the chain leaf first; ideally covering ROOT_DOMAIN and
// *.ROOT_DOMAIN), re-read when the files change; without them, a self-signed one made at start.
export type DefaultCertificate = {
  certificatePem: string;
  privateKeyPem: string;
  origin: "files" | "self-signed";
  /** The files' modification times when read (files only). */
  mtimes?: [number, number];
};

export type DefaultCertificateFiles = { certFile?: string; keyFile?: string };

export class DefaultCertificateError extends Error {}

function readFiles(certFile: string, keyFile: string): DefaultCertificate {
  let certificatePem: string;
  let privateKeyPem: string;
  let mtimes: [number, number];
  try {
    certificatePem = fs.readFileSync(certFile, "utf8");
    privateKeyPem = fs.readFileSync(keyFile, "utf8");
    mtimes = [fs.statSync(certFile).mtimeMs, fs.statSync(keyFile).mtimeMs];
  } catch (error) {
    throw new DefaultCertificateError(`TLS_CERT_FILE / TLS_KEY_FILE: cannot read ${certFile} or ${keyFile} (${(error as Error).message})`);
  }
  try {
    tls.createSecureContext({ cert: certificatePem, key: privateKeyPem }); // a key that does not match its certificate fails here
  } catch (error) {
    throw new DefaultCertificateError(`TLS_CERT_FILE / TLS_KEY_FILE: not a usable PEM certificate chain and matching key (${(error as Error).message})`);
  }
  return { certificatePem, privateKeyPem, origin: "files", mtimes };
}

/** A self-signed certificate for the root domain and its subdomains, valid a year from now. */
export function selfSignedDefault(rootDomain: string): DefaultCertificate {
  const dnsNames = [rootDomain, `*.${rootDomain}`];
  const made = createCertificate({
    commonName: rootDomain,
    dnsNames,
    ipAddresses: rootDomain === "localhost" ? ["127.0.0.1"] : [],
    notAfter: new Date(Date.now() + 365 * 24 * 60 * 60_000),
  });
  return { certificatePem: made.certificatePem, privateKeyPem: made.privateKeyPem, origin: "self-signed" };
}

export function loadDefaultCertificate(files: DefaultCertificateFiles, rootDomain: string): DefaultCertificate {
  if (files.certFile && files.keyFile) return readFiles(files.certFile, files.keyFile);
  if (files.certFile || files.keyFile) throw new DefaultCertificateError("TLS_CERT_FILE and TLS_KEY_FILE must be set together");
  return selfSignedDefault(rootDomain);
}

/** The files read again when either changed since `current` (a renewed root certificate), else null. */
export function reloadIfChanged(files: DefaultCertificateFiles, current: DefaultCertificate): DefaultCertificate | null {
  if (current.origin !== "files" || !files.certFile || !files.keyFile || !current.mtimes) return null;
  try {
    const mtimes = [fs.statSync(files.certFile).mtimeMs, fs.statSync(files.keyFile).mtimeMs];
    if (mtimes[0] === current.mtimes[0] && mtimes[1] === current.mtimes[1]) return null;
  } catch {
    return null; // mid-replacement: try again next time
  }
  return readFiles(files.certFile, files.keyFile);
}

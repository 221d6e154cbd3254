import { X509Certificate } from "node:crypto";

// What Ciclo reads from an issued chain: validity, issuer, serial, and the certificate's ARI
// identifier (RFC 9773 §4.1: base64url(AKI keyIdentifier) "." base64url(DER serial bytes)).
export type CertificateFacts = {
  notBefore: Date;
  notAfter: Date;
  issuer: string;
  serialNumber: string; // upper-case hex
  subjectAltNames: string[];
  ariCertId: string | null;
};

type Tlv = { tag: number; start: number; end: number };

/** One DER tag-length-value at `offset`. */
function readTlv(der: Buffer, offset: number): Tlv {
  const tag = der[offset]!;
  let length = der[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes < 1 || bytes > 4) throw new Error("unsupported DER length");
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + der[start + i]!;
    start += bytes;
  }
  if (start + length > der.length) throw new Error("truncated DER");
  return { tag, start, end: start + length };
}

/** The serial number's DER content bytes (two's complement, a leading 0x00 kept). */
function serialBytes(der: Buffer): Buffer {
  const certificate = readTlv(der, 0);
  const tbs = readTlv(der, certificate.start);
  let field = readTlv(der, tbs.start);
  if (field.tag === 0xa0) field = readTlv(der, field.end); // [0] version
  if (field.tag !== 0x02) throw new Error("no serial number");
  return der.subarray(field.start, field.end);
}

const AKI_OID = Buffer.from([0x06, 0x03, 0x55, 0x1d, 0x23]); // 2.5.29.35

/** The Authority Key Identifier's keyIdentifier, or null when the certificate has none. */
function authorityKeyId(der: Buffer): Buffer | null {
  const at = der.indexOf(AKI_OID);
  if (at < 0) return null;
  let field = readTlv(der, at + AKI_OID.length);
  if (field.tag === 0x01) field = readTlv(der, field.end); // critical flag
  if (field.tag !== 0x04) return null;
  const sequence = readTlv(der, field.start);
  if (sequence.tag !== 0x30 || sequence.start === sequence.end) return null;
  const keyId = readTlv(der, sequence.start);
  return keyId.tag === 0x80 ? der.subarray(keyId.start, keyId.end) : null;
}

/** The first certificate of a PEM chain. */
export function leafOf(chainPem: string): X509Certificate {
  const match = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(chainPem);
  if (!match) throw new Error("no certificate in the chain");
  return new X509Certificate(match[0]);
}

export function certificateFacts(chainPem: string): CertificateFacts {
  const leaf = leafOf(chainPem);
  const keyId = authorityKeyId(leaf.raw);
  return {
    notBefore: new Date(leaf.validFrom),
    notAfter: new Date(leaf.validTo),
    issuer: /CN=([^\n]+)/.exec(leaf.issuer)?.[1] ?? leaf.issuer,
    serialNumber: leaf.serialNumber.toUpperCase(),
    subjectAltNames: (leaf.subjectAltName ?? "").split(", ").filter((n) => n.startsWith("DNS:")).map((n) => n.slice(4)),
    ariCertId: keyId ? `${keyId.toString("base64url")}.${serialBytes(leaf.raw).toString("base64url")}` : null,
  };
}

/** Renewal is due when a third of the lifetime remains. */
export function defaultRenewAt(notBefore: Date, notAfter: Date): Date {
  const lifetime = notAfter.getTime() - notBefore.getTime();
  return new Date(notBefore.getTime() + Math.floor((lifetime * 2) / 3));
}

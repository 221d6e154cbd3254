import { createHash, createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";

// A minimal X.509 v3 certificate writer (DER by hand, ECDSA P-256 with SHA-256), for what
// Ciclo must sign itself: the self-signed default certificate when TLS_CERT_FILE is not given,
// and the throwaway CA and tenant certificates of tests and benchmarks. Node's crypto reads
// certificates but cannot write them, and a dependency for this would be heavier than it.
export type IssuedCertificate = { certificatePem: string; privateKeyPem: string; key: KeyObject };
export type Issuer = { key: KeyObject; name: string };

function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  let length: Buffer;
  if (n < 0x80) length = Buffer.from([n]);
  else {
    const bytes: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
    length = Buffer.from([0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

const seq = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const explicit = (n: number, inner: Buffer) => tlv(0xa0 + n, inner);
const octets = (content: Buffer) => tlv(0x04, content);
const bits = (content: Buffer) => tlv(0x03, Buffer.concat([Buffer.from([0]), content]));
const bool = (value: boolean) => tlv(0x01, Buffer.from([value ? 0xff : 0]));

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split(".").map(Number) as [number, number, ...number[]];
  const out = [40 * a + b];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let v = arc >>> 7; v > 0; v >>>= 7) chunk.unshift(0x80 | (v & 0x7f));
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

/** A positive INTEGER from unsigned big-endian bytes (a leading 0x00 when the top bit is set). */
function unsignedInteger(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  return tlv(0x02, trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

/** UTCTime until 2049, GeneralizedTime after (RFC 5280 §4.1.2.5). */
function time(at: Date): Buffer {
  const iso = at.toISOString().replace(/[-:T]/g, "").slice(0, 14); // YYYYMMDDHHMMSS
  return at.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${iso}Z`));
}

const commonName = (cn: string) => seq(set(seq(oid("2.5.4.3"), tlv(0x0c, Buffer.from(cn, "utf8")))));
const extension = (id: string, critical: boolean, value: Buffer) => seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));
const ECDSA_SHA256 = seq(oid("1.2.840.10045.4.3.2"));

/** The key identifier of RFC 5280 §4.2.1.2 (1): SHA-1 of the subjectPublicKey bits. */
function keyIdentifier(spkiDer: Buffer): Buffer {
  // SubjectPublicKeyInfo = SEQ { AlgorithmIdentifier, BIT STRING }: the BIT STRING is the tail.
  const algorithmLength = spkiDer[3]! + 2; // short-form lengths: true for EC P-256 keys
  const bitString = spkiDer.subarray(2 + algorithmLength);
  return createHash("sha1").update(bitString.subarray(3)).digest();
}

export type CertificateRequest = {
  commonName: string;
  /** DNS names (subjectAltName); IP addresses go in `ipAddresses`. */
  dnsNames?: string[];
  ipAddresses?: string[];
  /** A CA certificate (basicConstraints cA, keyCertSign) rather than a server certificate. */
  ca?: boolean;
  notBefore?: Date;
  notAfter?: Date;
  /** Signed by this CA; self-signed when absent. */
  issuer?: Issuer;
};

function ipBytes(ip: string): Buffer {
  if (ip.includes(":")) throw new Error("IPv6 subjectAltName is not supported here");
  return Buffer.from(ip.split(".").map(Number));
}

/** A new ECDSA P-256 key and its certificate, PEM. */
export function createCertificate(request: CertificateRequest): IssuedCertificate {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const spki = publicKey.export({ type: "spki", format: "der" });
  const notBefore = request.notBefore ?? new Date(Date.now() - 60 * 60_000);
  const notAfter = request.notAfter ?? new Date(notBefore.getTime() + 90 * 24 * 60 * 60_000);
  const signer = request.issuer?.key ?? privateKey;
  const issuerName = request.issuer?.name ?? request.commonName;
  const subjectKeyId = keyIdentifier(spki);
  const authorityKeyId = request.issuer ? keyIdentifier(publicKeyOf(request.issuer.key)) : subjectKeyId;

  const names = [
    ...(request.dnsNames ?? []).map((name) => tlv(0x82, Buffer.from(name, "ascii"))),
    ...(request.ipAddresses ?? []).map((ip) => tlv(0x87, ipBytes(ip))),
  ];
  const extensions = [
    extension("2.5.29.19", true, request.ca ? seq(bool(true)) : seq()),
    // keyUsage: keyCertSign + cRLSign for a CA, digitalSignature for a server (ECDSA).
    extension("2.5.29.15", true, request.ca ? tlv(0x03, Buffer.from([1, 0x06])) : tlv(0x03, Buffer.from([7, 0x80]))),
    ...(request.ca ? [] : [extension("2.5.29.37", false, seq(oid("1.3.6.1.5.5.7.3.1")))]),
    extension("2.5.29.14", false, octets(subjectKeyId)),
    extension("2.5.29.35", false, seq(tlv(0x80, authorityKeyId))),
    ...(names.length > 0 ? [extension("2.5.29.17", false, seq(...names))] : []),
  ];
  const tbs = seq(
    explicit(0, tlv(0x02, Buffer.from([2]))), // v3
    unsignedInteger(Buffer.concat([Buffer.from([0x01]), randomBytes(15)])), // positive, 16 bytes
    ECDSA_SHA256,
    commonName(issuerName),
    seq(time(notBefore), time(notAfter)),
    commonName(request.commonName),
    spki,
    explicit(3, seq(...extensions)),
  );
  const der = seq(tbs, ECDSA_SHA256, bits(sign("sha256", tbs, signer)));
  return {
    certificatePem: toPem(der),
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    key: privateKey,
  };
}

function publicKeyOf(key: KeyObject): Buffer {
  return (key.type === "private" ? createPublicKey(key) : key).export({ type: "spki", format: "der" });
}

function toPem(der: Buffer): string {
  const body = der.toString("base64").replace(/(.{64})/g, "$1\n").replace(/\n$/, "");
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}

export type CertificateAuthority = IssuedCertificate & {
  issue(request: Omit<CertificateRequest, "issuer" | "ca">): IssuedCertificate;
  /** An intermediate CA signed by this one (chains shaped like a public CA's: leaf, intermediate). */
  intermediate(commonName: string): CertificateAuthority;
};

function authority(ca: IssuedCertificate, commonName: string): CertificateAuthority {
  const issuer: Issuer = { key: ca.key, name: commonName };
  return {
    ...ca,
    issue: (request) => createCertificate({ ...request, issuer }),
    intermediate: (name) => authority(createCertificate({ commonName: name, ca: true, issuer }), name),
  };
}

/** A root CA that can sign certificates (tests, benchmarks), with its certificate PEM to trust. */
export function createCertificateAuthority(commonName: string): CertificateAuthority {
  return authority(createCertificate({ commonName, ca: true }), commonName);
}

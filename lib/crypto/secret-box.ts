import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";

// Secrets at rest (webhook signing secrets; later ACME keys and TLS private keys): AES-256-GCM
// with a key derived from APP_SECRET by HKDF, one derived key per purpose. Format:
// v1.<iv base64url>.<ciphertext base64url>.<tag base64url>
const derived = new Map<string, Buffer>();

/**
 * The 32-byte key for `purpose` derived from APP_SECRET by HKDF-SHA256 (info `ciclo:<purpose>`):
 * the one derivation every keyed use of APP_SECRET goes through (sealing, HMACs of stored
 * hashes, the proxy's host stamp). Derived once per secret and purpose; `use` says in the error
 * what needs APP_SECRET when it is missing.
 */
export function derivedKey(purpose: string, use = "it encrypts secrets at rest"): Buffer {
  const secret = process.env.APP_SECRET;
  if (!secret) throw new Error(`APP_SECRET is not set: ${use}`);
  const id = `${purpose}\u0000${secret}`;
  let key = derived.get(id);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, createHash("sha256").update("ciclo").digest(), `ciclo:${purpose}`, 32));
    derived.set(id, key);
  }
  return key;
}

const key = (purpose: string) => derivedKey(purpose);

export function seal(plaintext: string, purpose: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(purpose), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), body.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

export function open(sealed: string, purpose: string): string {
  const [version, iv, body, tag] = sealed.split(".");
  if (version !== "v1" || !iv || !body || !tag) throw new Error("not a sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", key(purpose), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

// Object storage behind one small interface: put / get / delete by (organization, key). The
// implementation kept in PostgreSQL (postgres.ts) is the default and only one so far; an
// S3-compatible store would implement the same three calls. Every call names the organization:
// a key only means something inside its tenant.
export type StoredObject = {
  organizationId: string;
  key: string;
  contentType: string;
  size: number;
  /** Hex SHA-256 of the bytes: the object's ETag. */
  sha256: string;
  data: Buffer;
  createdAt: Date;
};

export type StoredObjectInfo = Omit<StoredObject, "data">;

export interface ObjectStore {
  /** Stores (or replaces) the object at `key`. */
  put(organizationId: string, key: string, object: { contentType: string; data: Buffer }): Promise<StoredObjectInfo>;
  get(organizationId: string, key: string): Promise<StoredObject | null>;
  /** True when something was deleted. */
  delete(organizationId: string, key: string): Promise<boolean>;
}

/** What the store accepts at all; callers (branding images) add narrower limits of their own. */
export const STORAGE_LIMITS = {
  maxBytes: 1024 * 1024,
  contentTypes: ["image/png", "image/jpeg", "image/svg+xml", "image/x-icon"] as readonly string[],
};

/** Keys: lower-case path segments of letters, digits, dots, dashes and underscores (no "..", no leading "/"). */
const KEY = /^[a-z0-9][a-z0-9_-]*(\.[a-z0-9_-]+)*(\/[a-z0-9][a-z0-9_-]*(\.[a-z0-9_-]+)*){0,7}$/;

export const isStorageKey = (key: string) => key.length <= 200 && KEY.test(key);

export class StorageError extends Error {
  constructor(
    readonly code: "invalid_key" | "too_large" | "unsupported_type",
    message: string,
  ) {
    super(message);
    this.name = "StorageError";
  }
}

/** The checks every implementation applies before writing. */
export function assertStorable(key: string, object: { contentType: string; data: Buffer }): void {
  if (!isStorageKey(key)) throw new StorageError("invalid_key", `not a storage key: ${JSON.stringify(key)}`);
  if (!STORAGE_LIMITS.contentTypes.includes(object.contentType)) throw new StorageError("unsupported_type", `content type ${object.contentType} is not accepted`);
  if (object.data.length === 0 || object.data.length > STORAGE_LIMITS.maxBytes) {
    throw new StorageError("too_large", `objects must be 1 byte to ${STORAGE_LIMITS.maxBytes} bytes`);
  }
}

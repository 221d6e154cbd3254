// Errors for Pix payloads we READ (pasted "copia e cola", scanned QR). Inputs we BUILD from that
// break the BCB rules (a 30-character txid, a key that is no Pix key) throw RangeError instead.

/** Not a well-formed BR Code: broken TLV structure, missing or invalid mandatory field. */
export class PixFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PixFormatError";
  }
}

/** The CRC16 in field 63 does not match the payload: it was mistyped, truncated or altered. */
export class PixCrcMismatchError extends PixFormatError {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`Pix payload CRC mismatch: field 63 says ${actual}, the payload computes to ${expected}`);
    this.name = "PixCrcMismatchError";
  }
}

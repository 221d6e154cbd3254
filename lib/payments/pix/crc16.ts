// CRC16 of the BR Code (field 63), as the BCB manual and EMV QRCPS specify: CRC-16/CCITT-FALSE —
// polynomial 0x1021, initial value 0xFFFF, input and output not reflected, no final XOR.
// It is computed over the whole payload up to and including "6304" (field 63's id and length).
// Check value: crc16CcittFalse("123456789") = 0x29B1.

const POLYNOMIAL = 0x1021;

/** One entry per byte value: the CRC register after shifting that byte through. */
const TABLE = Array.from({ length: 256 }, (_, byte) => {
  let crc = byte << 8;
  for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? (crc << 1) ^ POLYNOMIAL : crc << 1;
  return crc & 0xffff;
});

/** The CRC of the text's UTF-8 bytes (BR Codes are ASCII, where bytes = characters). */
export function crc16CcittFalse(text: string): number {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ byte) & 0xff]!;
  }
  return crc;
}

/** The CRC as field 63 writes it: 4 upper-case hex digits. */
export function crc16Hex(text: string): string {
  return crc16CcittFalse(text).toString(16).toUpperCase().padStart(4, "0");
}

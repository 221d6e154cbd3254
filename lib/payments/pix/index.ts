// Pix BR Code ("copia e cola" / QR code payload), EMV TLV helpers and CRC16.
export {
  buildPixPayload,
  MAX_MERCHANT_CITY_LENGTH,
  MAX_MERCHANT_NAME_LENGTH,
  MAX_PIX_AMOUNT_CENTS,
  MAX_PIX_URL_LENGTH,
  NO_TXID,
  parsePixPayload,
  PIX_GUI,
  type ParsedPixPayload,
  type PixPayloadInput,
} from "./br-code";
export { crc16CcittFalse, crc16Hex } from "./crc16";
export { MAX_TLV_VALUE_LENGTH, parseTlv, TEMPLATE_IDS, tlv, type TlvEntry } from "./emv";
export { PixCrcMismatchError, PixFormatError } from "./errors";
export { MAX_PIX_KEY_LENGTH, normalizePixKey, pixKeyType, type PixKeyType } from "./key";
export { pixQrPngDataUrl, pixQrSvg } from "./qr";
export { pixFreeText, pixNameText } from "./text";

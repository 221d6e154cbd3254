// Boleto de cobrança (FEBRABAN bank collection slip): barcode, digitable line, ITF image.
export {
  assertBoletoBarcode,
  BARCODE_LENGTH,
  boletoAmountFits,
  buildBoletoBarcode,
  CURRENCY_REAL,
  FREE_FIELD_LENGTH,
  MAX_BOLETO_AMOUNT_CENTS,
  parseBoletoBarcode,
  type BoletoBarcodeInput,
  type ParsedBoletoBarcode,
} from "./barcode";
export { barcodeCheckDigit, mod10CheckDigit } from "./check-digits";
export { DIGITABLE_LINE_LENGTH, digitableLine, formatDigitableLine, parseDigitableLine } from "./digitable-line";
export {
  DUE_FACTOR_CYCLE_DAYS,
  DUE_FACTOR_WINDOW_DAYS_BEFORE,
  dueDateFromFactor,
  dueFactor,
  MAX_DUE_FACTOR,
  MIN_DUE_FACTOR,
  NO_DUE_DATE_FACTOR,
} from "./due-factor";
export { BoletoCheckDigitError, BoletoFormatError, type BoletoCheckDigitField } from "./errors";
export { parseSandboxFreeField, sandboxFreeField, type SandboxFreeFieldInput } from "./free-field";
export { barcodeSvg, ITF_QUIET_ZONE_MODULES, itfElementWidths, type BarcodeSvgOptions } from "./image";

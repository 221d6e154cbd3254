// The Pix QR code image. Error correction M (15% of the code may be damaged and still read) and
// a 2-module margin, as payer apps scan them reliably from screens and paper.

import QRCode from "qrcode";

const QR_OPTIONS = { errorCorrectionLevel: "M", margin: 2 } as const;

/** An SVG document of the QR code encoding the BR Code text. */
export function pixQrSvg(payload: string): Promise<string> {
  return QRCode.toString(payload, { ...QR_OPTIONS, type: "svg" });
}

/** A "data:image/png;base64,…" URL of the QR code, for an <img src>. */
export function pixQrPngDataUrl(payload: string): Promise<string> {
  return QRCode.toDataURL(payload, { ...QR_OPTIONS, type: "image/png" });
}

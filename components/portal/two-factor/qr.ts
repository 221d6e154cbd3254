import QRCode from "qrcode";
import type { Enrollment } from "@/lib/portal-auth/two-factor";
import type { EnrollmentView } from "./state";

// Server-side: the enrollment's otpauth:// URI drawn as an SVG QR code, inlined as a data: URL
// (no request for an image that would carry the secret in its URL).
export async function enrollmentView(enrollment: Enrollment): Promise<EnrollmentView> {
  const svg = await QRCode.toString(enrollment.uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return {
    qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`,
    groupedKey: enrollment.groupedKey,
    issuer: enrollment.issuer,
    label: enrollment.label,
  };
}

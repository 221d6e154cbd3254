import { describe, expect, it } from "vitest";
import { buildPixPayload, pixQrPngDataUrl, pixQrSvg } from "@/lib/payments/pix";

const payload = buildPixPayload({
  key: "123e4567-e12b-12d1-a456-426655440000",
  merchantName: "Fulano de Tal",
  merchantCity: "BRASILIA",
  amountCents: 1050,
  txid: "***",
});

describe("Pix QR images", () => {
  it("renders an SVG document", async () => {
    const svg = await pixQrSvg(payload);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("<path");
    expect(svg.trim().endsWith("</svg>")).toBe(true);
  });

  it("renders a PNG data URL whose bytes are a PNG", async () => {
    const url = await pixQrPngDataUrl(payload);
    expect(url.startsWith("data:image/png;base64,")).toBe(true);
    const bytes = Buffer.from(url.slice("data:image/png;base64,".length), "base64");
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it("is deterministic: the same payload gives the same image", async () => {
    expect(await pixQrSvg(payload)).toBe(await pixQrSvg(payload));
    expect(await pixQrSvg(payload)).not.toBe(await pixQrSvg(payload.replace("10.50", "10.51")));
  });
});

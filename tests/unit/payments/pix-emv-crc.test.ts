import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { crc16CcittFalse, crc16Hex, parseTlv, PixFormatError, tlv } from "@/lib/payments/pix";
import { BCB_EXAMPLE, bitwiseCrc16 } from "./arbitraries";

describe("crc16 (CCITT-FALSE)", () => {
  it("has the standard check value 0x29B1 for '123456789', and 0xFFFF (the init) for nothing", () => {
    expect(crc16CcittFalse("123456789")).toBe(0x29b1);
    expect(crc16Hex("123456789")).toBe("29B1");
    expect(crc16CcittFalse("")).toBe(0xffff);
  });

  it("pads to 4 upper-case hex digits", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(crc16Hex(text)).toMatch(/^[0-9A-F]{4}$/);
      }),
    );
  });

  it("agrees with an independent bit-by-bit implementation", () => {
    expect(bitwiseCrc16(BCB_EXAMPLE.slice(0, -4))).toBe(0x1d3d);
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(crc16CcittFalse(text)).toBe(bitwiseCrc16(text));
      }),
    );
  });
});

describe("EMV TLV", () => {
  it("writes id, 2-digit length, value", () => {
    expect(tlv("00", "01")).toBe("000201");
    expect(tlv("59", "Fulano de Tal")).toBe("5913Fulano de Tal");
    expect(tlv("62", "")).toBe("6200");
    expect(tlv("26", "x".repeat(99))).toHaveLength(103);
  });

  it("refuses values over 99 characters, bad ids and non-ASCII", () => {
    expect(() => tlv("26", "x".repeat(100))).toThrow(/100 characters long; the maximum is 99/);
    expect(() => tlv("1", "x")).toThrow(RangeError);
    expect(() => tlv("59", "São Paulo")).toThrow(/printable ASCII/);
  });

  it("parses in order, with templates 26 and 62 nested", () => {
    const entries = parseTlv(BCB_EXAMPLE);
    expect(entries.map((e) => e.id)).toEqual(["00", "26", "52", "53", "58", "59", "60", "62", "63"]);
    expect(entries[1]?.children).toEqual([
      { id: "00", value: "br.gov.bcb.pix" },
      { id: "01", value: "123e4567-e12b-12d1-a456-426655440000" },
    ]);
    expect(entries[7]?.children).toEqual([{ id: "05", value: "***" }]);
    expect(entries[8]).toEqual({ id: "63", value: "1D3D" });
  });

  it("reports a truncated field or a broken header with its position", () => {
    expect(() => parseTlv("000201" + "5913Fulano")).toThrow(/field 59 at position 6 declares 13 characters but only 6 remain/);
    expect(() => parseTlv("0002010X")).toThrow(PixFormatError);
    expect(() => parseTlv("2604ab12")).toThrow(/of template 26/);
  });
});

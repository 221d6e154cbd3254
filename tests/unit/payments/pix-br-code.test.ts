import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildPixPayload,
  crc16Hex,
  parsePixPayload,
  parseTlv,
  PixCrcMismatchError,
  pixKeyType,
  pixFreeText,
  pixNameText,
  type PixPayloadInput,
} from "@/lib/payments/pix";
import { BCB_EXAMPLE, bitwiseCrc16 } from "./arbitraries";

// The BCB manual example (see arbitraries.ts) as builder input.
const BCB_INPUT: PixPayloadInput = { key: "123e4567-e12b-12d1-a456-426655440000", merchantName: "Fulano de Tal", merchantCity: "BRASILIA", txid: "***" };

describe("buildPixPayload", () => {
  it("reproduces the BCB manual's static example exactly", () => {
    expect(buildPixPayload(BCB_INPUT)).toBe(BCB_EXAMPLE);
  });

  it("builds a static code with amount, txid and description, worked out by hand", () => {
    const withoutCrc =
      "000201" +
      "2647" + "0014br.gov.bcb.pix" + "011112345678909" + "0210Fatura 123" + // 18 + 15 + 14 = 47
      "52040000" + "5303986" +
      "540510.50" + // R$ 10,50
      "5802BR" +
      "5910Loja do Ze" + // accents stripped
      "6009SAO PAULO" + // accents stripped, upper case
      "6217" + "0513INV2026000123" +
      "6304";
    const payload = buildPixPayload({
      key: "12345678909",
      merchantName: "Loja do Zé",
      merchantCity: "São Paulo",
      amountCents: 1050,
      txid: "INV2026000123",
      description: "Fatura 123",
    });
    expect(payload).toBe(withoutCrc + bitwiseCrc16(withoutCrc).toString(16).toUpperCase().padStart(4, "0"));
  });

  it("builds a dynamic, single-use code from a location URL", () => {
    const url = "pix.example.com/qr/v2/9d36b84fc70b478fb95c12729b90ca25"; // 15 + 7 + 32 = 54 characters
    const payload = buildPixPayload({ url, merchantName: "Ciclo Sandbox", merchantCity: "Florianópolis", txid: "***" });
    // 00 "01", 01 "12" (single use), 26 = GUI (18) + 25 url (4 + 54) = 76 characters
    expect(payload.startsWith("000201" + "010212" + "2676" + "0014br.gov.bcb.pix" + "2554" + url + "52040000")).toBe(true);
    expect(payload).toContain("6013FLORIANOPOLIS");
    expect(parsePixPayload(payload)).toMatchObject({ kind: "dynamic", singleUse: true, url, merchantCity: "FLORIANOPOLIS" });
  });

  it("writes amounts with two decimals and refuses non-positive or fractional cents", () => {
    const amountField = (amountCents: number) => parseTlv(buildPixPayload({ ...BCB_INPUT, amountCents })).find((e) => e.id === "54")?.value;
    expect([1, 100, 1050, 123_456, 999_999_999_999].map(amountField)).toEqual(["0.01", "1.00", "10.50", "1234.56", "9999999999.99"]);
    for (const amountCents of [0, -1, 1.5, 1_000_000_000_000]) expect(() => buildPixPayload({ ...BCB_INPUT, amountCents })).toThrow(RangeError);
  });

  it("makes names ASCII: accents stripped, other symbols dropped, cut to 25 / 15", () => {
    expect(pixNameText("São Paulo", 15).toUpperCase()).toBe("SAO PAULO");
    expect(pixNameText("  Açaí & Cia.\tLtda — Filial  ", 25)).toBe("Acai Cia. Ltda Filial");
    const payload = buildPixPayload({ ...BCB_INPUT, merchantName: "Associação Brasileira de Cobrança Recorrente", merchantCity: "São José dos Campos" });
    expect(parsePixPayload(payload)).toMatchObject({ merchantName: "Associacao Brasileira de", merchantCity: "SAO JOSE DOS CA" });
    expect(() => buildPixPayload({ ...BCB_INPUT, merchantName: "★★★" })).toThrow(/merchantName/);
  });

  it("fits the description into what template 26 leaves after the key", () => {
    const key = `${"a".repeat(60)}@example.com.br`; // 75 characters: 18 + 79 = 97, no room left
    const payload = buildPixPayload({ ...BCB_INPUT, key, description: "Fatura de março" });
    expect(parsePixPayload(payload).description).toBeUndefined();
    // EVP key: GUI (18) + key (4 + 36) = 58, leaving 99 − 58 − 4 = 37 characters; "—" is not ASCII.
    const long = parsePixPayload(buildPixPayload({ ...BCB_INPUT, description: "Fatura de março — plano Pro anual com desconto especial" }));
    expect(long.description).toBe("Fatura de marco plano Pro anual com d");
  });

  it("checks keys, txid and key/url exclusivity", () => {
    expect(["12345678909", "12345678000195", "+5561912345678", "fulano@example.com", "123e4567-e12b-12d1-a456-426655440000"].map(pixKeyType)).toEqual([
      "cpf",
      "cnpj",
      "phone",
      "email",
      "evp",
    ]);
    expect(pixKeyType("123.456.789-09")).toBeNull();
    expect(pixKeyType("61912345678")).toBe("cpf"); // 11 digits without +55 is a CPF, by format
    expect(buildPixPayload({ ...BCB_INPUT, key: " Fulano@Example.COM " })).toContain("0118fulano@example.com");
    expect(() => buildPixPayload({ ...BCB_INPUT, key: "not a key" })).toThrow(/not a Pix key/);
    expect(() => buildPixPayload({ ...BCB_INPUT, url: "pix.example.com/x" })).toThrow(/exactly one/);
    expect(() => buildPixPayload({ ...BCB_INPUT, key: undefined })).toThrow(/exactly one/);
    expect(() => buildPixPayload({ ...BCB_INPUT, key: undefined, url: "https://pix.example.com/x" })).toThrow(/without its scheme/);
    for (const txid of ["", "abc-123", "x".repeat(26), "**"]) expect(() => buildPixPayload({ ...BCB_INPUT, txid })).toThrow(/txid/);
    expect(buildPixPayload({ ...BCB_INPUT, txid: "A".repeat(25) })).toContain(`0525${"A".repeat(25)}`);
  });
});

describe("parsePixPayload", () => {
  it("reads the BCB example", () => {
    expect(parsePixPayload(BCB_EXAMPLE)).toEqual({
      kind: "static",
      singleUse: false,
      key: "123e4567-e12b-12d1-a456-426655440000",
      merchantName: "Fulano de Tal",
      merchantCity: "BRASILIA",
      txid: "***",
      crc: "1D3D",
    });
  });

  it("accepts surrounding whitespace and a lower-case CRC", () => {
    expect(parsePixPayload(`  ${BCB_EXAMPLE.slice(0, -4)}1d3d\n`).crc).toBe("1D3D");
  });

  it("throws a typed error naming both CRCs on a mismatch", () => {
    const tampered = BCB_EXAMPLE.replace("Fulano", "Fulana");
    expect(() => parsePixPayload(tampered)).toThrow(PixCrcMismatchError);
    expect(() => parsePixPayload(tampered)).toThrow(expect.objectContaining({ actual: "1D3D", expected: crc16Hex(tampered.slice(0, -4)) }));
  });

  it("detects every one-character change before the CRC", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: BCB_EXAMPLE.length - 9 }), fc.integer({ min: 0x20, max: 0x7e }), (position, code) => {
        fc.pre(BCB_EXAMPLE.charCodeAt(position) !== code);
        const changed = BCB_EXAMPLE.slice(0, position) + String.fromCharCode(code) + BCB_EXAMPLE.slice(position + 1);
        expect(() => parsePixPayload(changed)).toThrow(PixCrcMismatchError);
      }),
    );
  });

  it("refuses payloads without a CRC field or with a valid CRC over a broken structure", () => {
    expect(() => parsePixPayload(BCB_EXAMPLE.slice(0, -8))).toThrow(/ends with field 63/);
    const sealed = (body: string) => body + "6304" + crc16Hex(body + "6304");
    expect(() => parsePixPayload(sealed("000202" + BCB_EXAMPLE.slice(6, -8)))).toThrow(/starts with field 00/);
    expect(() => parsePixPayload(sealed(BCB_EXAMPLE.slice(0, -8).replace("5303986", "5303840")))).toThrow(/986/);
    expect(() => parsePixPayload(sealed(BCB_EXAMPLE.slice(0, -8).replace("62070503***", "")))).toThrow(/field 62 is missing/);
    expect(() => parsePixPayload(sealed(BCB_EXAMPLE.slice(0, -8).replace("0014br.gov.bcb.pix", "0014br.gov.bcb.xyz")))).toThrow(/not a Pix account/);
  });

  const nameArb = fc.string({ unit: fc.constantFrom(..."abcXYZ019 .-áãçéÔü&"), minLength: 1, maxLength: 40 }).filter((s) => pixNameText(s, 25) !== "");
  const keyArb = fc.oneof(
    fc.stringMatching(/^\d{11}$/),
    fc.stringMatching(/^\d{14}$/),
    fc.stringMatching(/^\+55\d{10,11}$/),
    fc.uuid(),
    fc.stringMatching(/^[a-z0-9._-]{1,30}@[a-z0-9]{1,20}\.com\.br$/),
  );
  const inputArb = fc.record(
    {
      key: keyArb,
      merchantName: nameArb,
      merchantCity: nameArb.filter((s) => pixNameText(s, 15) !== ""),
      amountCents: fc.integer({ min: 1, max: 999_999_999_999 }),
      txid: fc.oneof(fc.constant("***"), fc.stringMatching(/^[A-Za-z0-9]{1,25}$/)),
      description: fc.string({ unit: fc.constantFrom(..."Fatura #123 ção"), maxLength: 20 }),
    },
    { requiredKeys: ["key", "merchantName", "merchantCity", "txid"] },
  );

  it("parse(build(x)) gives back x, names as sanitized", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const payload = buildPixPayload(input);
        const parsed = parsePixPayload(payload);
        expect(parsed).toMatchObject({
          kind: "static",
          key: input.key,
          merchantName: pixNameText(input.merchantName, 25),
          merchantCity: pixNameText(input.merchantCity, 15).toUpperCase(),
          txid: input.txid,
        });
        expect(parsed.amountCents).toBe(input.amountCents);
        const descriptionRoom = 99 - 18 - (4 + input.key.length) - 4;
        expect(parsed.description ?? "").toBe(pixFreeText(input.description ?? "", descriptionRoom));
        expect(parsePixPayload(payload).crc).toBe(payload.slice(-4));
        expect(parseTlv(payload).find((e) => e.id === "26")!.value.length).toBeLessThanOrEqual(99);
      }),
    );
  });

  it("round-trips dynamic codes", () => {
    const urlArb = fc.stringMatching(/^[a-z0-9.-]{1,20}\.example\/[A-Za-z0-9/_-]{1,40}$/);
    fc.assert(
      fc.property(urlArb, fc.stringMatching(/^[A-Za-z0-9]{1,25}$/), (url, txid) => {
        const parsed = parsePixPayload(buildPixPayload({ url, merchantName: "Ciclo", merchantCity: "Recife", txid }));
        expect(parsed).toMatchObject({ kind: "dynamic", singleUse: true, url, txid, merchantCity: "RECIFE" });
        expect(parsed.key).toBeUndefined();
      }),
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyDocument, formatDocument, isValidCnpj, isValidCpf } from "@/lib/billing-accounts/documents";

describe("CPF and CNPJ check digits", () => {
  it.each([
    ["11.222.333/0001-81", "cnpj", "11222333000181"],
    ["11222333000181", "cnpj", "11222333000181"],
    ["529.982.247-25", "cpf", "52998224725"],
    ["52998224725", "cpf", "52998224725"],
    ["12ABC34501DE35", "cnpj", "12ABC34501DE35"],
    ["12.ABC.345/01DE-35", "cnpj", "12ABC34501DE35"],
    ["12abc34501de35", "cnpj", "12ABC34501DE35"],
  ])("accepts %s as %s", (input, type, value) => {
    expect(classifyDocument(input)).toEqual({ type, value });
  });

  it.each([
    "11.222.333/0001-82", // wrong second digit
    "11.222.333/0001-71", // wrong first digit
    "529.982.247-24",
    "529.982.247-35",
    "12ABC34501DE36",
    "12ABC34501DE45",
    "12ABC34501DEAB", // check digits must be numeric
    "111.111.111-11", // repeated digits pass the arithmetic but are not issued
    "00000000000000",
    "1234567890",
    "123456789012345",
    "52998224725a",
    "",
    "529 982 247 25 ; drop table",
  ])("rejects %s", (input) => {
    expect(classifyDocument(input)).toBeNull();
  });

  it("every CPF built from 9 digits + computed check digits validates, and any other last digit fails", () => {
    const digits = (chars: string, weights: number[]) => {
      const rest = weights.reduce((s, w, i) => s + Number(chars[i]) * w, 0) % 11;
      return rest < 2 ? 0 : 11 - rest;
    };
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), fc.integer({ min: 1, max: 9 }), (base, bump) => {
        fc.pre(!/^(\d)\1{8}$/.test(base));
        const d1 = digits(base, [10, 9, 8, 7, 6, 5, 4, 3, 2]);
        const d2 = digits(`${base}${d1}`, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
        expect(isValidCpf(`${base}${d1}${d2}`)).toBe(true);
        expect(isValidCpf(`${base}${d1}${(d2 + bump) % 10}`)).toBe(false);
      }),
    );
  });

  it("an alphanumeric CNPJ with one character changed fails its check digits (unless the values differ by a multiple of 11)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 11 }), fc.constantFrom(..."0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"), (pos, ch) => {
        const base = "12ABC34501DE35";
        // Mod 11 with weights 2..9 cannot see a change of 11, 22 or 33 in a character's value (6 <-> A).
        fc.pre((ch.charCodeAt(0) - base.charCodeAt(pos)) % 11 !== 0);
        const changed = base.slice(0, pos) + ch + base.slice(pos + 1);
        expect(isValidCnpj(changed)).toBe(false);
      }),
    );
  });

  it("formats for display", () => {
    expect(formatDocument("cpf", "52998224725")).toBe("529.982.247-25");
    expect(formatDocument("cnpj", "12ABC34501DE35")).toBe("12.ABC.345/01DE-35");
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AmountOutOfRangeError,
  checkedAdd,
  checkedMul,
  negate,
  percentOf,
  roundRatioHalfUp,
  roundSubcentsToCents,
} from "@/lib/billing/money";

describe("roundSubcentsToCents", () => {
  it.each([
    [0, 0],
    [49, 0],
    [50, 1],
    [149, 1],
    [150, 2],
    [151, 2],
    [-49, 0],
    [-50, -1],
    [-149, -1],
    [-150, -2],
    [7_990_000, 79_900], // R$ 799,00
    [559_300, 5_593],
    [154_250, 1_543], // 1234 × R$ 0,0125 = R$ 15,425 -> R$ 15,43
  ])("%i subcents -> %i cents", (subcents, cents) => {
    expect(roundSubcentsToCents(subcents)).toBe(cents);
    expect(roundSubcentsToCents(BigInt(subcents))).toBe(cents);
  });

  it("never returns -0 (a zero credit equals a zero charge)", () => {
    expect(Object.is(roundSubcentsToCents(-49), 0)).toBe(true);
    expect(Object.is(negate(0), 0)).toBe(true);
  });

  it("is symmetric: a credit rounds to the exact negation of the charge", () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (subcents) => {
        expect(roundSubcentsToCents(-subcents)).toBe(negate(roundSubcentsToCents(subcents)));
      }),
    );
  });

  it("is within half a cent, and halves go up", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e13 }), (cents) => {
        expect(roundSubcentsToCents(cents * 100 + 50)).toBe(cents + 1);
        expect(roundSubcentsToCents(cents * 100 + 49)).toBe(cents);
      }),
    );
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }), (subcents) => {
        const error = BigInt(roundSubcentsToCents(subcents)) * 100n - subcents;
        expect(error >= -50n && error <= 50n).toBe(true);
      }),
    );
  });

  it("refuses what a Number cannot hold exactly", () => {
    expect(() => roundSubcentsToCents(1.5)).toThrow(RangeError);
    expect(() => roundSubcentsToCents(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
    expect(() => roundSubcentsToCents(10n ** 20n)).toThrow(AmountOutOfRangeError);
  });
});

describe("roundRatioHalfUp", () => {
  it("is the nearest integer, ties away from zero", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 15n }), (n, d) => {
        const r = roundRatioHalfUp(n, d);
        const twiceError = 2n * (n - r * d); // 2 × (exact - rounded) × d
        expect(twiceError <= d && twiceError >= -d).toBe(true);
        if (twiceError === d) expect(n < 0n).toBe(true); // a tie left below: only for negatives
        if (twiceError === -d) expect(n > 0n).toBe(true);
      }),
    );
  });

  it("rejects a non-positive denominator", () => {
    expect(() => roundRatioHalfUp(1n, 0n)).toThrow(RangeError);
  });
});

describe("percentOf", () => {
  it.each([
    [1999, 1500, 300], // 299.85 -> 300
    [9990, 1000, 999],
    [1, 5000, 1], // half a cent goes up
    [1, 4999, 0],
    [12345, 10_000, 12345],
    [12345, 0, 0],
    [-1999, 1500, -300],
  ])("%i cents × %i bps = %i", (amount, bps, expected) => {
    expect(percentOf(amount, bps)).toBe(expected);
  });

  it("never exceeds the amount for 0..100%", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e13 }), fc.integer({ min: 0, max: 10_000 }), (amount, bps) => {
        const part = percentOf(amount, bps);
        expect(part).toBeGreaterThanOrEqual(0);
        expect(part).toBeLessThanOrEqual(amount);
      }),
    );
  });
});

describe("checked arithmetic", () => {
  it("is exact when the result is safe and refuses otherwise", () => {
    const big = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
    fc.assert(
      fc.property(big, big, (a, b) => {
        const sum = BigInt(a) + BigInt(b);
        if (sum <= BigInt(Number.MAX_SAFE_INTEGER)) expect(BigInt(checkedAdd(a, b))).toBe(sum);
        else expect(() => checkedAdd(a, b)).toThrow(AmountOutOfRangeError);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2e9 }), fc.integer({ min: 0, max: 1e13 }), (a, b) => {
        const product = BigInt(a) * BigInt(b);
        if (product <= BigInt(Number.MAX_SAFE_INTEGER)) expect(BigInt(checkedMul(a, b))).toBe(product);
        else expect(() => checkedMul(a, b)).toThrow(AmountOutOfRangeError);
      }),
    );
  });
});

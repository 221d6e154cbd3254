import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../helpers/api";
import { createTenant, validAccount } from "../helpers/factories";

// Property: whatever JSON arrives, the create route answers 201/4xx with the envelope, never 500.
let key: string;
beforeAll(async () => {
  key = (await createTenant()).liveKey;
});

const field = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 300 }),
  fc.string({ unit: "binary", maxLength: 50 }), // NUL, lone surrogates, control characters
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
);

const accountLike = fc.record(
  {
    name: field,
    legal_name: field,
    email: fc.oneof(fc.emailAddress(), field),
    phone: field,
    document: fc.oneof(fc.constantFrom("11.222.333/0001-81", "529.982.247-25", "12ABC34501DE35"), fc.stringMatching(/^[0-9A-Za-z./-]{0,20}$/), field),
    tax_address: fc.oneof(field, fc.record({ line1: field, city: field, state: field, postal_code: field, country: field }, { requiredKeys: [] })),
    external_id: field,
    metadata: fc.oneof(field, fc.dictionary(fc.string(), field, { maxKeys: 60 })),
  },
  { requiredKeys: [] },
);

async function send(raw: string) {
  const res = await call("POST", "/api/v1/billing_accounts", { key, rawBody: raw, headers: { "content-type": "application/json" } });
  expect(res.status, `body ${raw.slice(0, 200)} -> ${res.text.slice(0, 200)}`).not.toBe(500);
  expect([201, 400, 409, 422]).toContain(res.status);
  if (res.status !== 201) expect(res.body.error.request_id).toBeTruthy();
}

describe("create billing account never fails with 500", () => {
  it("for arbitrary JSON values", async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue(), async (v) => send(JSON.stringify(v))), { numRuns: 150 });
  });

  it("for objects shaped like an account with wrong or odd values", async () => {
    await fc.assert(fc.asyncProperty(accountLike, async (v) => send(JSON.stringify(v))), { numRuns: 250 });
  });

  it("for valid accounts with one field mutated", async () => {
    const keys = Object.keys(validAccount());
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...keys), field, async (k, v) => send(JSON.stringify({ ...validAccount(), [k]: v }))),
      { numRuns: 150 },
    );
  });

  it("for text PostgreSQL cannot store (NUL, lone surrogates), in values, keys and the query", async () => {
    for (const body of [{ name: "a\u0000b" }, { ...validAccount(), metadata: { "k\u0000": "v" } }, { ...validAccount(), name: "\ud800x" }]) {
      const res = await call("POST", "/api/v1/billing_accounts", { key, rawBody: JSON.stringify(body), headers: { "content-type": "application/json" } });
      expect(res.status).toBe(422);
    }
    const named = await call("POST", "/api/v1/billing_accounts", { key, body: { ...validAccount(), tax_address: { ...validAccount().tax_address, city: "S\u0000P" } } });
    expect(named.body.error.param).toBe("tax_address.city");
    const query = await call("GET", "/api/v1/billing_accounts?email=a%00b", { key });
    expect(query.status).toBe(422);
    expect(query.body.error.param).toBe("email");
  });

  it("for arbitrary bytes", async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: "binary", maxLength: 200 }), async (s) => send(s)), { numRuns: 100 });
  });
});

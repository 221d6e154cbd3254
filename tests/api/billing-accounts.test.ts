import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { billingAccountObject } from "@/lib/api/resources/billing-accounts";
import { api } from "../helpers/api";
import { createTenant, validAccount } from "../helpers/factories";

let t: Awaited<ReturnType<typeof createTenant>>;
beforeAll(async () => {
  t = await createTenant();
});

const create = (body: Record<string, unknown>) => api.post("/api/v1/billing_accounts", body, { key: t.liveKey });

describe("billing accounts", () => {
  it("creates an account, normalizing the document and the CEP, and reads it back", async () => {
    const res = await create(validAccount({ external_id: "cus_1", metadata: { plan: "gold" }, phone: "+55 11 91234-5678" }));
    expect(res.status).toBe(201);
    expect(res.headers.get("request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(billingAccountObject.parse(res.body)).toBeTruthy();
    expect(res.body).toMatchObject({
      object: "billing_account",
      livemode: true,
      name: "Padaria Pão Quente",
      document: "11222333000181",
      document_type: "cnpj",
      external_id: "cus_1",
      metadata: { plan: "gold" },
      status: "active",
      tax_address: { city: "São Paulo", state: "SP", postal_code: "01304001", country: "BR", complement: null },
    });
    expect(res.body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const got = await api.get(`/api/v1/billing_accounts/${res.body.id}`, { key: t.liveKey });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
  });

  it("accepts a CPF and the alphanumeric CNPJ, and no document at all", async () => {
    const cpf = await create(validAccount({ document: "529.982.247-25" }));
    expect(cpf.body).toMatchObject({ document: "52998224725", document_type: "cpf" });
    const alnum = await create(validAccount({ document: "12.abc.345/01de-35" }));
    expect(alnum.body).toMatchObject({ document: "12ABC34501DE35", document_type: "cnpj" });
    const none = await create({ name: "Sem Documento", email: "x@example.com" });
    expect(none.status).toBe(201);
    expect(none.body).toMatchObject({ document: null, document_type: null, tax_address: null, metadata: {} });
  });

  it("rejects a document with bad check digits, naming the field, and writes nothing", async () => {
    const before = await count();
    const res = await create(validAccount({ document: "11.222.333/0001-82" }));
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ type: "invalid_request_error", code: "validation_failed", param: "document" });
    expect(res.body.error.message).toContain("CPF or CNPJ");
    expect(await count()).toBe(before);
  });

  it("names nested and unknown fields in validation errors", async () => {
    const cep = await create(validAccount({ tax_address: { ...validAccount().tax_address, postal_code: "123" } }));
    expect(cep.status).toBe(422);
    expect(cep.body.error.param).toBe("tax_address.postal_code");
    const unknown = await create(validAccount({ nickname: "x" }));
    expect(unknown.body.error).toMatchObject({ code: "validation_failed", param: "nickname" });
    const missing = await create({ email: "a@b.co" });
    expect(missing.body.error).toMatchObject({ param: "name", message: "Invalid name: This field is required" });
    const wrongType = await create(validAccount({ name: 5 }));
    expect(wrongType.body.error).toMatchObject({ param: "name" });
    expect(wrongType.body.error.message).not.toContain("required");
    const email = await create(validAccount({ email: "not-an-email" }));
    expect(email.body.error.param).toBe("email");
  });

  it("refuses a second account with the same external_id (409) but allows it in another tenant", async () => {
    expect((await create(validAccount({ external_id: "dup" }))).status).toBe(201);
    const again = await create(validAccount({ external_id: "dup" }));
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "resource_conflict", param: "external_id" });
    const other = await createTenant();
    const elsewhere = await api.post("/api/v1/billing_accounts", validAccount({ external_id: "dup" }), { key: other.liveKey });
    expect(elsewhere.status).toBe(201);
  });

  it("updates only the fields sent, clears with null, merges metadata", async () => {
    const { body: a } = await create(validAccount({ metadata: { a: "1", b: "2" }, phone: "+55 11 3333-4444" }));
    const res = await api.patch(`/api/v1/billing_accounts/${a.id}`, { name: "Nova Razão", phone: null, metadata: { a: "", c: "3" } }, { key: t.liveKey });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "Nova Razão", phone: null, email: a.email, document: a.document, metadata: { b: "2", c: "3" } });
    expect(new Date(res.body.updated_at).getTime()).toBeGreaterThan(new Date(a.updated_at).getTime());
    const bad = await api.patch(`/api/v1/billing_accounts/${a.id}`, { email: null }, { key: t.liveKey });
    expect(bad.status).toBe(422);
    expect(bad.body.error.param).toBe("email");
  });

  it("filters the list by email (case-insensitive) and external_id", async () => {
    await create(validAccount({ email: "Filtro@Example.com", external_id: "filter-1" }));
    const byEmail = await api.get("/api/v1/billing_accounts?email=filtro@example.COM", { key: t.liveKey });
    expect(byEmail.body.data.map((a: { external_id: string }) => a.external_id)).toEqual(["filter-1"]);
    const byExternal = await api.get("/api/v1/billing_accounts?external_id=filter-1", { key: t.liveKey });
    expect(byExternal.body.data).toHaveLength(1);
    expect(byExternal.body).toMatchObject({ object: "list", has_more: false, next_cursor: null });
    const unknownFilter = await api.get("/api/v1/billing_accounts?colour=blue", { key: t.liveKey });
    expect(unknownFilter.status).toBe(422);
    expect(unknownFilter.body.error.param).toBe("colour");
  });

  it("searches the list with q: name or email contains, CPF/CNPJ with or without punctuation, never another tenant's", async () => {
    await create(validAccount({ name: "Sorveteria Busca Alta", email: "caixa@busca-alta.example", document: "390.533.447-05", external_id: "q-1" }));
    const ids = async (q: string, key = t.liveKey) =>
      (await api.get(`/api/v1/billing_accounts?q=${encodeURIComponent(q)}`, { key })).body.data.map((a: { external_id: string }) => a.external_id);
    expect(await ids("busca alta")).toEqual(["q-1"]);
    expect(await ids("CAIXA@BUSCA")).toEqual(["q-1"]);
    expect(await ids("39053344705")).toEqual(["q-1"]);
    expect(await ids("390.533")).toEqual(["q-1"]);
    expect(await ids("q-1")).toEqual(["q-1"]);
    expect(await ids("busca alta", (await createTenant()).liveKey)).toEqual([]);
    expect(await ids("%")).not.toContain("q-1");
  });

  it("deletes an account without history", async () => {
    const { body: a } = await create(validAccount());
    const res = await api.delete(`/api/v1/billing_accounts/${a.id}`, { key: t.liveKey });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: a.id, object: "billing_account", deleted: true });
    expect((await api.get(`/api/v1/billing_accounts/${a.id}`, { key: t.liveKey })).status).toBe(404);
  });

  it("archives an account that other records reference, keeps it readable and read-only", async () => {
    const { body: a } = await create(validAccount({ external_id: "with-history" }));
    // Any table referencing billing_accounts (subscriptions, invoices…) is history; this stands in for them.
    await getDb().execute(sql`create table history_probe (billing_account_id uuid not null references billing_accounts(id) on delete restrict)`);
    await getDb().execute(sql`insert into history_probe values (${a.id})`);

    const res = await api.delete(`/api/v1/billing_accounts/${a.id}`, { key: t.liveKey });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: a.id, status: "archived" });
    expect(res.body.archived_at).not.toBeNull();

    expect((await api.get(`/api/v1/billing_accounts/${a.id}`, { key: t.liveKey })).body.status).toBe("archived");
    const active = await api.get("/api/v1/billing_accounts?external_id=with-history", { key: t.liveKey });
    expect(active.body.data).toHaveLength(0);
    const archived = await api.get("/api/v1/billing_accounts?external_id=with-history&status=archived", { key: t.liveKey });
    expect(archived.body.data).toHaveLength(1);
    const patch = await api.patch(`/api/v1/billing_accounts/${a.id}`, { name: "x" }, { key: t.liveKey });
    expect(patch.status).toBe(409);
    expect(patch.body.error.code).toBe("resource_archived");
    const again = await api.delete(`/api/v1/billing_accounts/${a.id}`, { key: t.liveKey });
    expect(again.body.status).toBe("archived");
  });
});

async function count(): Promise<number> {
  const rows = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from billing_accounts`);
  return rows[0]!.n;
}

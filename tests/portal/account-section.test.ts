import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { billingAccounts } from "@/db/schema";
import { getPortalAccount, updatePortalAccount, type AccountValues } from "@/lib/portal/billing-account";
import { createTenant } from "../helpers/factories";
import { sectionWorld } from "./profile-fixtures";

// The Account section: the billing account's data through the API's own validation and service.
const valid = (overrides: Partial<AccountValues> = {}): AccountValues => ({
  name: "Padaria Pão Quente", legal_name: "Padaria Pão Quente LTDA", email: "financeiro@paoquente.com.br", phone: "+55 11 91234-5678",
  document: "11.222.333/0001-81", line1: "Rua Augusta", number: "1500", complement: "", district: "Consolação", city: "São Paulo", state: "SP",
  postal_code: "01304-001", country: "BR", ...overrides,
});

describe("portal Account section", () => {
  it("shows the account formatted: CNPJ with punctuation, CEP as 00000-000", async () => {
    const w = await sectionWorld();
    const { values, archived } = await getPortalAccount(w.db, w.owner);
    expect(archived).toBe(false);
    expect(values).toMatchObject({ document: "11.222.333/0001-81", postal_code: "01304-001", state: "SP", country: "BR" });
  });

  it("refuses invalid CNPJ/CPF, CEP and UF field by field, and saves nothing", async () => {
    const w = await sectionWorld();
    const before = await getPortalAccount(w.db, w.owner);
    const bad = await updatePortalAccount(w.db, w.owner, valid({ document: "11.222.333/0001-82", email: "not-an-email" }));
    expect(bad).toMatchObject({ ok: false, error: "invalid" });
    expect(Object.keys(bad.ok ? {} : bad.fields).sort()).toEqual(["document", "email"]);
    const address = await updatePortalAccount(w.db, w.owner, valid({ postal_code: "0130-4001", state: "XX" }));
    expect(address.ok ? {} : address.fields).toEqual({ state: expect.any(String), postal_code: expect.any(String) });
    expect(await updatePortalAccount(w.db, w.owner, valid({ name: " " }))).toMatchObject({ ok: false, fields: { name: expect.any(String) } });
    expect(await updatePortalAccount(w.db, w.owner, valid({ city: "" }))).toMatchObject({ ok: false, fields: { city: expect.any(String) } });
    expect((await getPortalAccount(w.db, w.owner)).values).toEqual(before.values);
  });

  it("saves a valid CPF and CEP normalized, returns them formatted, and clears optional fields left blank", async () => {
    const w = await sectionWorld();
    const saved = await updatePortalAccount(w.db, w.owner, valid({ document: "52998224725", postal_code: "01310100", legal_name: "", phone: "" }));
    expect(saved).toMatchObject({ ok: true, value: { document: "529.982.247-25", postal_code: "01310-100", legal_name: "", phone: "" } });
    const [row] = await w.db.select().from(billingAccounts).where(eq(billingAccounts.id, w.account.id));
    expect(row).toMatchObject({ document: "52998224725", documentType: "cpf", legalName: null, phone: null });
    expect(row!.taxAddress).toMatchObject({ postal_code: "01310100", state: "SP", complement: null });
    const cleared = await updatePortalAccount(w.db, w.owner, valid({ line1: "", number: "", district: "", city: "", state: "", postal_code: "", document: "" }));
    expect(cleared.ok).toBe(true);
    const [after] = await w.db.select().from(billingAccounts).where(eq(billingAccounts.id, w.account.id));
    expect(after).toMatchObject({ taxAddress: null, document: null, documentType: null });
  });

  it("needs manage_account: finance and viewer are refused, admin may", async () => {
    const w = await sectionWorld();
    for (const role of ["finance", "viewer"] as const) {
      const user = await w.addUser(`${role}@cliente.example`, role);
      expect(await updatePortalAccount(w.db, await w.actor(user), valid({ name: "Hijacked" }))).toEqual({ ok: false, error: "forbidden", fields: {} });
    }
    expect((await getPortalAccount(w.db, w.owner)).values.name).toBe("Padaria Pão Quente");
    const admin = await w.addUser("admin@cliente.example", "admin");
    expect(await updatePortalAccount(w.db, await w.actor(admin), valid({ name: "Padaria Nova" }))).toMatchObject({ ok: true, value: { name: "Padaria Nova" } });
  });

  it("reaches only the viewer's own account: another tenant's id is not found", async () => {
    const w = await sectionWorld();
    const foreign = await createTenant();
    const stranger = { ...w.owner, tenant: { id: foreign.live.id, mode: "live" as const } };
    await expect(getPortalAccount(w.db, stranger)).rejects.toMatchObject({ code: "resource_missing" });
    expect(await updatePortalAccount(w.db, stranger, valid({ name: "Hijacked" }))).toMatchObject({ ok: false, error: "not_found" });
    expect((await getPortalAccount(w.db, w.owner)).values.name).toBe("Padaria Pão Quente");
  });
});

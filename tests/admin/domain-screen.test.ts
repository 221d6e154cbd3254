import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { customDomains, memberRoles, type MemberRole } from "@/db/schema";
import { loadCheckoutEmbeds } from "@/lib/admin/checkout-embeds";
import { loadDomainViews } from "@/lib/admin/domain-forms";
import { IDLE_FORM } from "@/lib/admin/form-state";
import { buildCheckoutSnippet } from "@/lib/checkout/snippet";
import { explainDomainStatus, type DomainStatusInput } from "@/lib/domains/status-text";
import { updatePortalSettings } from "@/lib/portal/settings";
import { checkoutTenant } from "../checkout/fixtures";
import { dnsTestClient, startDnsTestServer, type DnsTestServer } from "../helpers/challtestsrv";
import { uniqueHost } from "../helpers/domains";
import { createTenant } from "../helpers/factories";
import { createStaffUser, formOf, refusedByRole as refused, staffSession } from "../helpers/staff";

// The admin's Domain and Embed checkout screens: the status in words, the server actions per
// role (support and developers read only; a refusal changes nothing), the same hostname checks
// as the API, "Verify now" against a real DNS server (challtestsrv), and the embed snippets.
vi.mock("@/auth", async () => (await import("../helpers/staff")).staffAuthMock());
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { addDomainAction, removeDomainAction, verifyDomainAction } = await import("@/app/(admin)/admin/[org]/portal/domain/actions");

let dns: DnsTestServer;
let t: Awaited<ReturnType<typeof createTenant>>;
const staff = {} as Record<MemberRole, { id: string }>;
const as = (role: MemberRole) => (staffSession.userId = staff[role].id);
const domainsOf = (organizationId: string) => getDb().select().from(customDomains).where(eq(customDomains.organizationId, organizationId));

beforeAll(async () => {
  dns = await startDnsTestServer(); // before anything reads env(): it caches the environment
  Object.assign(process.env, { DOMAINS_DNS_RESOLVER: dns.dnsServer, DOMAINS_INGRESS_IPV4: "127.0.0.1", DOMAINS_PER_ORGANIZATION: "2" });
  t = await createTenant();
  for (const role of memberRoles) staff[role] = await createStaffUser(t.live.id, role);
});
afterAll(async () => dns?.stop());
beforeEach(() => {
  staffSession.userId = null;
});

describe("explainDomainStatus", () => {
  const base: DomainStatusInput = { status: "pending", verificationError: null, lastCheckedAt: null, failureReason: null, nextAttemptAt: null, certificateNotAfter: null };
  it("says what each state means and whether more is coming", () => {
    expect(explainDomainStatus(base)).toMatchObject({ label: "Waiting for DNS", detail: "Not checked yet.", settled: false });
    const checked = explainDomainStatus({ ...base, lastCheckedAt: new Date("2026-03-01T10:00:00Z"), verificationError: "no TXT record at _ciclo-challenge.x.example" });
    expect(checked.detail).toBe("Last check (2026-03-01 10:00 UTC): no TXT record at _ciclo-challenge.x.example.");
    expect(explainDomainStatus({ ...base, status: "verified" })).toMatchObject({ label: "Verified", settled: false });
    expect(explainDomainStatus({ ...base, status: "issuing" })).toMatchObject({ label: "Issuing a certificate", settled: false });
    const active = explainDomainStatus({ ...base, status: "active", certificateNotAfter: new Date("2026-06-01T00:00:00Z") });
    expect(active).toMatchObject({ label: "Active", tone: "ok", settled: true });
    expect(active.detail).toContain("valid until 2026-06-01");
    const failed = explainDomainStatus({ ...base, status: "failed", failureReason: "connection refused", nextAttemptAt: new Date("2026-03-01T10:10:00Z") });
    expect(failed).toMatchObject({ label: "Certificate failed", tone: "error", settled: true });
    expect(failed.summary).toContain("connection refused");
    expect(failed.detail).toContain("retried automatically at 2026-03-01 10:10 UTC");
  });
});

describe("domain actions", () => {
  it("support and developers cannot add, verify or remove a domain", async () => {
    const host = uniqueHost();
    as("owner");
    expect((await addDomainAction(t.live.slug, IDLE_FORM, formOf({ hostname: host }))).status).toBe("success");
    const [domain] = await domainsOf(t.live.id);
    for (const role of ["support", "developer"] as const) {
      as(role);
      expect(refused(await addDomainAction(t.live.slug, IDLE_FORM, formOf({ hostname: uniqueHost() })))).toBe(true);
      expect(refused(await verifyDomainAction(t.live.slug, domain!.id, IDLE_FORM))).toBe(true);
      expect(refused(await removeDomainAction(t.live.slug, domain!.id, IDLE_FORM))).toBe(true);
    }
    expect((await domainsOf(t.live.id)).map((d) => [d.hostname, d.status])).toEqual([[host, "pending"]]);
    as("admin");
    expect((await removeDomainAction(t.live.slug, domain!.id, IDLE_FORM)).status).toBe("success");
    expect(await domainsOf(t.live.id)).toEqual([]);
  });

  it("names the hostname's problem under the field, as the API does", async () => {
    as("owner");
    const fieldError = async (hostname: string) => (await addDomainAction(t.live.slug, IDLE_FORM, formOf({ hostname }))).fields.hostname;
    expect(await fieldError("")).toBe("must not be empty");
    expect(await fieldError("https://billing.example.com")).toMatch(/without a scheme/);
    expect(await fieldError("203.0.113.7")).toMatch(/not an IP address/);
    expect(await fieldError("bad_host!.example.com")).toMatch(/not a valid host name/);
    expect(await fieldError(`billing.${t.live.slug}.localhost`)).toMatch(/must not be localhost or one of its subdomains/);
    const host = uniqueHost();
    expect(await fieldError(host)).toBeUndefined();
    expect(await fieldError(host)).toMatch(/has already been added/);
    expect(await fieldError(uniqueHost())).toBeUndefined();
    expect(await fieldError(uniqueHost())).toMatch(/already has 2 custom domains, the most allowed \(2\)/);
    for (const d of await domainsOf(t.live.id)) await removeDomainAction(t.live.slug, d.id, IDLE_FORM);
  });

  it("verify now checks DNS: the reason while records are missing, then verified", async () => {
    as("owner");
    const host = uniqueHost();
    await addDomainAction(t.live.slug, IDLE_FORM, formOf({ hostname: host }));
    const [domain] = await domainsOf(t.live.id);
    const missing = await verifyDomainAction(t.live.slug, domain!.id, IDLE_FORM);
    expect(missing.status).toBe("error");
    expect(missing.message).toMatch(/^Not verified yet: /);
    let [view] = await loadDomainViews(getDb(), t.live.id);
    expect(view!.status).toMatchObject({ code: "pending", label: "Waiting for DNS" });
    expect(view!.status.detail).toMatch(/^Last check \(/);
    expect(view!.records).toEqual([
      { type: "TXT", name: `_ciclo-challenge.${host}`, value: domain!.verificationToken, purpose: "verification" },
      { type: "CNAME", name: host, value: "localhost", purpose: "routing" },
      { type: "A", name: host, value: "127.0.0.1", purpose: "routing" },
    ]);

    await dnsTestClient(dns.managementUrl).setTxt(`_ciclo-challenge.${host}`, domain!.verificationToken);
    expect(await verifyDomainAction(t.live.slug, domain!.id, IDLE_FORM)).toMatchObject({ status: "success", message: `${host} is verified.` });
    [view] = await loadDomainViews(getDb(), t.live.id);
    expect(view!.status).toMatchObject({ code: "verified", label: "Verified" });
    // Another organization's id is not found, whatever the role.
    const other = await createTenant();
    const stranger = await createStaffUser(other.live.id, "owner");
    staffSession.userId = stranger.id;
    const taken = await addDomainAction(other.live.slug, IDLE_FORM, formOf({ hostname: host }));
    expect(taken.fields.hostname).toBe(`${host} is already in use by another organization`);
    expect((await removeDomainAction(other.live.slug, domain!.id, IDLE_FORM)).status).toBe("error");
    expect(await getDb().select().from(customDomains).where(and(eq(customDomains.id, domain!.id)))).toHaveLength(1);
  });
});

describe("checkout embeds", () => {
  it("lists public, active plans with the snippet buildCheckoutSnippet makes, and the allowed origins", async () => {
    const c = await checkoutTenant();
    let data = await loadCheckoutEmbeds(getDb(), c.t.live.id);
    expect(data.embeds.map((e) => e.slug).sort()).toEqual(["pro", "trial"]);
    const pro = data.embeds.find((e) => e.slug === "pro")!;
    const built = await buildCheckoutSnippet(getDb(), { organizationId: c.t.live.id, planSlug: "pro" });
    expect(pro).toMatchObject({ name: "Pro", url: built.url, embedUrl: built.embedUrl, snippet: built.snippet });
    expect(data.allowedOrigins).toEqual([]);
    await updatePortalSettings(getDb(), c.t.live.id, { allowed_return_origins: ["https://shop.example.com"] });
    data = await loadCheckoutEmbeds(getDb(), c.t.live.id);
    expect(data.allowedOrigins).toEqual(["https://shop.example.com"]);
  });
});

// Two merchants' portals side by side, compared as a person sees them: screenshots of the same
// pages (the sign-in page, and Overview once signed in) on Acme's and Globex's sandbox portals,
// decoded (pngjs) and read pixel by pixel. Each portal's brand-coloured parts (the main button,
// the brand bar, the current section) are painted in its own primary colour and never in the
// other's; each shows its own logo (an image this spec makes and uploads, found in the pixels
// where the logo is, and loaded) and its own name; the two screenshots differ.
// portal-sections.spec.ts checks the same through computed styles.
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { PNG } from "pngjs";
import { demoKey } from "@/db/seed";

type Rgb = readonly [number, number, number];
type Slug = "acme" | "globex";

const RETURN_ORIGIN = "https://app.example.test";
const headersOf = (slug: Slug) => ({ Authorization: `Bearer ${demoKey(slug, "test")}` });

// Colours that appear nowhere else on the pages, so finding them in the pixels means the brand.
const brands: Record<Slug, { name: string; primary: Rgb; logo: [Rgb, Rgb] }> = {
  acme: { name: "Acme Billing", primary: [0x9d, 0x17, 0x4d], logo: [[0x16, 0xa3, 0x4a], [0x14, 0x53, 0x2d]] },
  globex: { name: "Globex Customer Care", primary: [0x1d, 0x4e, 0xd8], logo: [[0x93, 0x33, 0xea], [0x58, 0x1c, 0x87]] },
};
const other = (slug: Slug): Slug => (slug === "acme" ? "globex" : "acme");
const hex = (c: Rgb) => `#${c.map((v) => v.toString(16).padStart(2, "0")).join("")}`;

/** An 80×40 PNG logo: its left half in one colour, its right half in the other, as a data: URL. */
function logoDataUrl([left, right]: [Rgb, Rgb]): string {
  const png = new PNG({ width: 80, height: 40 });
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      const [r, g, b] = x < png.width / 2 ? left : right;
      png.data.set([r, g, b, 255], i);
    }
  }
  return `data:image/png;base64,${PNG.sync.write(png).toString("base64")}`;
}

class Shot {
  constructor(readonly png: PNG) {}
  static async of(page: Page): Promise<Shot> {
    return new Shot(PNG.sync.read(await page.screenshot({ animations: "disabled", caret: "hide" })));
  }
  pixel(x: number, y: number): Rgb {
    const i = (Math.round(y) * this.png.width + Math.round(x)) * 4;
    return [this.png.data[i]!, this.png.data[i + 1]!, this.png.data[i + 2]!];
  }
  /** Of the pixels wholly inside the box (the whole screenshot by default), how many are `color` (give or take 3 per channel). */
  count(color: Rgb, box = { x: 0, y: 0, width: this.png.width, height: this.png.height }): { matching: number; of: number } {
    let matching = 0;
    let of = 0;
    for (let y = Math.ceil(box.y); y < Math.floor(box.y + box.height); y++) {
      for (let x = Math.ceil(box.x); x < Math.floor(box.x + box.width); x++) {
        of++;
        if (near(this.pixel(x, y), color)) matching++;
      }
    }
    return { matching, of };
  }
  /** The share of pixels that differ between two screenshots of the same size. */
  differenceFrom(other: Shot): number {
    expect([other.png.width, other.png.height]).toEqual([this.png.width, this.png.height]);
    let differ = 0;
    for (let i = 0; i < this.png.data.length; i += 4) {
      if (this.png.data[i] !== other.png.data[i] || this.png.data[i + 1] !== other.png.data[i + 1] || this.png.data[i + 2] !== other.png.data[i + 2]) differ++;
    }
    return differ / (this.png.width * this.png.height);
  }
}

const near = (a: Rgb, b: Rgb) => a.every((v, i) => Math.abs(v - b[i]!) <= 3);

async function box(locator: Locator) {
  await expect(locator).toBeVisible();
  const b = await locator.boundingBox();
  expect(b, "the element is on the screen").not.toBeNull();
  return b!;
}

/** Share of the element's pixels in `color` (the element must be in the viewport). */
async function share(shot: Shot, locator: Locator, color: Rgb): Promise<number> {
  const { matching, of } = shot.count(color, await box(locator));
  expect(of).toBeGreaterThan(0);
  return matching / of;
}

function expectColor(actual: Rgb, expected: Rgb, what: string) {
  expect(near(actual, expected), `${what}: ${hex(actual)} is ${hex(expected)}`).toBe(true);
}

/** The logo is the image uploaded for this tenant, it loaded, and its two halves show in the screenshot. */
async function expectOwnLogo(shot: Shot, logo: Locator, slug: Slug, dataUrl: string) {
  await expect(logo).toHaveAttribute("src", dataUrl);
  expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(80);
  const b = await box(logo);
  const [left, right] = brands[slug].logo;
  expectColor(shot.pixel(b.x + b.width * 0.25, b.y + b.height / 2), left, "the logo's left half");
  expectColor(shot.pixel(b.x + b.width * 0.75, b.y + b.height / 2), right, "the logo's right half");
  for (const c of brands[other(slug)].logo) expect(shot.count(c).matching, `no pixel of ${other(slug)}'s logo`).toBe(0);
}

async function settings(request: APIRequestContext, slug: Slug, body: Record<string, unknown>) {
  const res = await request.patch("/api/v1/portal_settings", { headers: headersOf(slug), data: body });
  expect(res.status(), await res.text()).toBe(200);
}

async function deepLink(request: APIRequestContext, slug: Slug): Promise<string> {
  const accounts = (await (await request.get("/api/v1/billing_accounts?limit=100", { headers: headersOf(slug) })).json()).data as Array<{ id: string; name: string }>;
  const account = accounts.find((a) => a.name === (slug === "acme" ? "Padaria Pão Quente" : "Hank Scorpio"))!;
  const res = await request.post("/api/v1/portal/sessions", { headers: headersOf(slug), data: { billing_account_id: account.id, return_url: `${RETURN_ORIGIN}/billing` } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).url;
}

// A fixed, light, motionless browser: the same pixels every run.
test.use({ locale: "en-US", viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, colorScheme: "light", reducedMotion: "reduce" });

test("two merchants' portals side by side: screenshots show each one's colours, logo and name", async ({ browser, request }) => {
  test.setTimeout(60_000);
  const logos = { acme: logoDataUrl(brands.acme.logo), globex: logoDataUrl(brands.globex.logo) };
  const shots: Partial<Record<Slug, { signIn: Shot; overview: Shot }>> = {};
  try {
    for (const slug of ["acme", "globex"] as const) {
      await settings(request, slug, { allowed_return_origins: [RETURN_ORIGIN], branding: { name: brands[slug].name, primary_color: hex(brands[slug].primary), logo: logos[slug] } });
    }
    for (const slug of ["acme", "globex"] as const) {
      const brand = brands[slug];
      const context = await browser.newContext();
      const page = await context.newPage();
      const url = await deepLink(request, slug);
      const origin = new URL(url).origin;

      // The sign-in page (signed out). Settings are cached for a few seconds per server process.
      const logo = page.getByRole("img", { name: brand.name, exact: true });
      await expect(async () => {
        await page.goto(`${origin}/sign-in`);
        await expect(logo).toBeVisible({ timeout: 500 });
      }).toPass({ timeout: 15_000 });
      await expect(page.getByText(`Sign in to manage your ${brand.name} subscriptions`)).toBeVisible();
      await expect(page.getByText(brands[other(slug)].name)).toHaveCount(0);
      const signIn = await Shot.of(page);
      const button = page.getByRole("button", { name: "Email me a sign-in link" });
      expect(await share(signIn, button, brand.primary), "the main button is in the brand colour").toBeGreaterThan(0.6);
      expect(signIn.count(brands[other(slug)].primary).matching, `no pixel in ${other(slug)}'s colour`).toBe(0);
      await expectOwnLogo(signIn, logo, slug, logos[slug]);

      // Overview, signed in through a deep link.
      await page.goto(url);
      await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
      await expect(page.getByTestId("portal-name")).toHaveText(brand.name);
      await expect(page).toHaveTitle(new RegExp(brand.name));
      await expect(page.getByText(brands[other(slug)].name)).toHaveCount(0);
      const overview = await Shot.of(page);
      expect(await share(overview, page.getByTestId("brand-bar"), brand.primary), "the brand bar").toBeGreaterThan(0.99);
      const current = page.getByRole("navigation", { name: "Sections" }).locator('[aria-current="page"]');
      await expect(current).toHaveText("Overview");
      expect(await share(overview, current, brand.primary), "the current section").toBeGreaterThan(0.6);
      expect(overview.count(brands[other(slug)].primary).matching, `no pixel in ${other(slug)}'s colour`).toBe(0);
      await expectOwnLogo(overview, page.getByRole("img", { name: `${brand.name} logo` }), slug, logos[slug]);

      shots[slug] = { signIn, overview };
      for (const [name, shot] of Object.entries(shots[slug]!)) {
        await test.info().attach(`${slug}-${name}.png`, { body: PNG.sync.write(shot.png), contentType: "image/png" });
      }
      await context.close();
    }
    // The same pages, told apart at a glance.
    expect(shots.acme!.signIn.differenceFrom(shots.globex!.signIn)).toBeGreaterThan(0.005);
    expect(shots.acme!.overview.differenceFrom(shots.globex!.overview)).toBeGreaterThan(0.005);
  } finally {
    for (const slug of ["acme", "globex"] as const) await settings(request, slug, { branding: { name: null, logo: null, primary_color: "#4f46e5" } });
  }
});

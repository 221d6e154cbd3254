import { chromium, type Browser, type BrowserContext, type Request } from "@playwright/test";
import playwrightConfig from "@/playwright.config";

// First-load JavaScript of portal pages, measured in Debian's Chromium (Next 16 no longer prints
// it): each page is opened in a fresh browser context (empty HTTP cache, the signed-in cookie
// only), and every JavaScript response is counted with the size of its body *as transferred*
// (Playwright's request.sizes().responseBodySize: the encoded, i.e. compressed, body, headers
// excluded) until the network has been idle for 500 ms. Scripts that finish after the load
// event (prefetches of linked routes, lazy chunks) are counted too, and also reported apart.

export type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

export type JsFile = { url: string; bytes: number; encoding: string; afterLoad: boolean };

export type FirstLoad = {
  section: string;
  path: string;
  status: number;
  /** Encoded bytes of all JavaScript responses (what a fresh browser downloads). */
  js_bytes: number;
  js_files: number;
  /** The part that finished after the load event (prefetches, lazy chunks). */
  after_load_bytes: number;
  /** Uncompressed bytes of the same files (responseBody().length). */
  decoded_bytes: number;
  /** content-encoding of the JavaScript responses -> number of files. */
  encodings: Record<string, number>;
  files: JsFile[];
};

/** Chromium as the e2e runs launch it (playwright.config.ts: Debian's binary, tenant hosts on loopback). */
export function launchChromium(): Promise<Browser> {
  const launch = playwrightConfig.use?.launchOptions ?? {};
  return chromium.launch({ executablePath: launch.executablePath ?? "/usr/bin/chromium", args: launch.args ?? [] });
}

/**
 * Signs a portal user in through the portal's own sign-in page (the password form, as a person
 * would) and returns the browser's cookies. Throws unless the browser lands on the Overview.
 */
export async function signInThroughBrowser(browser: Browser, input: { origin: string; email: string; password: string }): Promise<StorageState> {
  const context = await browser.newContext({ locale: "en-US" });
  try {
    const page = await context.newPage();
    const response = await page.goto(`${input.origin}/sign-in`);
    if (response?.status() !== 200) throw new Error(`GET ${input.origin}/sign-in answered ${response?.status()}`);
    const form = page.locator("form").filter({ has: page.locator('input[name="password"]') });
    await form.locator('input[name="email"]').fill(input.email);
    await form.locator('input[name="password"]').fill(input.password);
    await form.locator('button[type="submit"]').click();
    await page.waitForURL(`${input.origin}/`, { timeout: 30_000 });
    await page.locator('[data-testid="portal-shell"]').waitFor({ timeout: 30_000 });
    return await context.storageState();
  } finally {
    await context.close();
  }
}

/**
 * Opens `path` on `origin` in a fresh context (holding `storageState` when given) and counts the
 * JavaScript it downloads. Throws when the page ends elsewhere (a redirect to sign in) or, when
 * it answers 200, lacks `mark` (a CSS selector only the expected page has).
 */
export async function measureFirstLoad(
  browser: Browser,
  input: { origin: string; section: string; path: string; mark: string; storageState?: StorageState },
): Promise<FirstLoad> {
  const context = await browser.newContext({ ...(input.storageState ? { storageState: input.storageState } : {}), locale: "en-US" });
  try {
    const page = await context.newPage();
    let loaded = false;
    page.on("load", () => (loaded = true));
    const pending: Array<Promise<(JsFile & { decoded: number }) | null>> = [];
    page.on("requestfinished", (request) => void pending.push(jsFile(request, loaded)));
    const response = await page.goto(`${input.origin}${input.path}`, { waitUntil: "load" });
    const status = response?.status() ?? 0;
    const landed = new URL(page.url()).pathname;
    if (landed !== input.path) throw new Error(`${input.origin}${input.path} ended on ${landed} (signed out?)`);
    if (status === 200 && (await page.locator(input.mark).count()) === 0) throw new Error(`${input.origin}${input.path} has no ${input.mark}`);
    await page.waitForLoadState("networkidle");
    const files = (await Promise.all(pending)).filter((f) => f !== null);
    const encodings: Record<string, number> = {};
    for (const f of files) encodings[f.encoding] = (encodings[f.encoding] ?? 0) + 1;
    const sum = (list: Array<{ bytes: number }>) => list.reduce((s, f) => s + f.bytes, 0);
    return {
      section: input.section,
      path: input.path,
      status,
      js_bytes: sum(files),
      js_files: files.length,
      after_load_bytes: sum(files.filter((f) => f.afterLoad)),
      decoded_bytes: files.reduce((s, f) => s + f.decoded, 0),
      encodings,
      files: files.map(({ url, bytes, encoding, afterLoad }) => ({ url, bytes, encoding, afterLoad })),
    };
  } finally {
    await context.close();
  }
}

/** The finished request as a JsFile when it fetched JavaScript (a script, or a JavaScript content type), else null. */
async function jsFile(request: Request, afterLoad: boolean): Promise<(JsFile & { decoded: number }) | null> {
  const response = await request.response();
  const type = (await response?.headerValue("content-type")) ?? "";
  if (request.resourceType() !== "script" && !/javascript/i.test(type)) return null;
  const sizes = await request.sizes();
  const body = await response?.body().catch(() => null);
  return {
    url: request.url(),
    bytes: sizes.responseBodySize,
    encoding: (await response?.headerValue("content-encoding")) ?? "identity",
    afterLoad,
    decoded: body?.length ?? 0,
  };
}

import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

// axe-core for every spec: WCAG 2.0/2.1 A and AA rules on the page as it is.
const WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export type AxeOptions = {
  /** Which violations fail: "serious" (the default) only serious or critical ones; "all" any. */
  fail?: "serious" | "all";
  /** Selectors left out, e.g. a sandboxed frame axe cannot run in. */
  exclude?: string[];
  /** Names the page in a failure; its URL by default. */
  message?: string;
};

/** No axe-core violations (WCAG 2.1 A/AA) on the whole page, once its title is in place. */
export async function expectAccessible(page: Page, options: AxeOptions = {}): Promise<void> {
  await expect(page).toHaveTitle(/\S/); // a title streamed after the body, or replaced by a re-render, must be in place first
  let axe = new AxeBuilder({ page }).withTags(WCAG_A_AA);
  for (const selector of options.exclude ?? []) axe = axe.exclude(selector);
  const { violations } = await axe.analyze();
  const failing = options.fail === "all" ? violations : violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(failing.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), options.message ?? page.url()).toEqual([]);
}

import type { Template } from "./context";

export type MagicLinkData = { url: string; expires_in_minutes: number };

export const magicLink: Template<MagicLinkData> = (data, { brand, t }) => ({
  subject: t.magicLink.subject(brand.name),
  heading: t.magicLink.heading,
  paragraphs: [t.magicLink.intro(brand.name), t.magicLink.expires(data.expires_in_minutes)],
  button: { label: t.magicLink.button, url: data.url },
  after: [t.common.notYou],
});

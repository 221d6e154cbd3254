import type { Template } from "./context";

export type PasswordResetData = { url: string; expires_in_minutes: number };

export const passwordReset: Template<PasswordResetData> = (data, { brand, t }) => ({
  subject: t.passwordReset.subject(brand.name),
  heading: t.passwordReset.heading,
  paragraphs: [t.passwordReset.intro(brand.name), t.passwordReset.expires(data.expires_in_minutes)],
  button: { label: t.passwordReset.button, url: data.url },
  after: [t.common.notYou],
});

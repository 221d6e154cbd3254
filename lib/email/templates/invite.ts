import type { Template } from "./context";

export type InviteData = { inviter_name: string | null; account_name: string; url: string };

export const invite: Template<InviteData> = (data, { brand, t }) => ({
  subject: t.invite.subject(brand.name),
  heading: t.invite.heading,
  paragraphs: [t.invite.intro(data.inviter_name, data.account_name, brand.name)],
  button: { label: t.invite.button, url: data.url },
  after: [t.common.notYou],
});

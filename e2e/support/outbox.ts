import type { Sql } from "postgres";

/**
 * The link in the newest email of `template` sent to `to` by the organization `slug` (the email
 * outbox is written in the request's transaction, so it is there as soon as the page answered;
 * a few quick looks cover the commit racing the page).
 */
export async function emailLink(sql: Sql, input: { slug: string; template: string; to: string }): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const rows = await sql<{ text: string }[]>`
      select e.text from email_outbox e join organizations o on o.id = e.organization_id
      where o.slug = ${input.slug} and e.template = ${input.template} and e.to_address = ${input.to}
      order by e.created_at desc limit 1`;
    const link = /https?:\/\/\S+?(?=\s|$)/.exec(rows[0]?.text ?? "")?.[0];
    if (link) return link;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${input.template} email to ${input.to} on ${input.slug}`);
}

import Link from "next/link";
import type { CheckoutEmbed } from "@/lib/admin/checkout-embeds";
import { CopyButton } from "@/components/ui/copy-button";

// The "Embed checkout" screen: each public, active plan's hosted checkout URL and the snippet to
// paste in the merchant's site (an <iframe> and a listener for the success message), and which
// sites may frame it (none set: browsers refuse to show it in a frame).
type Props = { embeds: CheckoutEmbed[]; allowedOrigins: string[]; messageType: string; originsHref: string };

const link = "font-medium text-teal-800 underline underline-offset-2 hover:text-teal-950 focus-visible:outline-2 focus-visible:outline-teal-700";

export function CheckoutEmbeds({ embeds, allowedOrigins, messageType, originsHref }: Props) {
  return (
    <div className="max-w-5xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Embed checkout</h1>
        <p className="mt-1 text-sm text-slate-600">
          Sell your public plans on your own site: link to the hosted checkout, or paste its snippet in a page. On success the frame posts a
          <code className="mx-1">{messageType}</code>message (subscription_id, billing_account_id, portal_url) that the snippet&apos;s listener receives.
        </p>
      </div>

      <section aria-labelledby="origins-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="origins-heading" className="text-base font-semibold text-slate-900">Sites allowed to embed it</h2>
        {allowedOrigins.length ? (
          <>
            <p className="mt-1 text-sm text-slate-700">The checkout may be framed only by pages on these origins (they are also the allowed return URLs):</p>
            <ul className="mt-2 list-disc pl-5 font-mono text-sm text-slate-900" data-testid="embed-origins">
              {allowedOrigins.map((o) => <li key={o}>{o}</li>)}
            </ul>
          </>
        ) : (
          <p role="note" data-testid="embed-origins-missing" className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950 ring-1 ring-amber-300">
            No allowed origins are set, so embedding is blocked: browsers refuse to show the checkout inside another site&apos;s page. The hosted checkout link still works.
          </p>
        )}
        <p className="mt-2 text-sm"><Link href={originsHref} className={link}>Edit the allowed origins</Link> (Portal settings → Links &amp; language).</p>
      </section>

      {embeds.length === 0 ? (
        <p className="text-sm text-slate-700">No plan is on sale: a plan needs to be public and active to appear here.</p>
      ) : (
        embeds.map((embed) => (
          <section key={embed.planId} aria-labelledby={`plan-${embed.planId}`} data-testid="checkout-embed" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
            <h2 id={`plan-${embed.planId}`} className="text-base font-semibold text-slate-900">{embed.name} <span className="font-mono text-sm font-normal text-slate-600">({embed.slug})</span></h2>
            <div className="mt-3 flex flex-wrap items-center gap-2 text-sm">
              <span className="font-medium text-slate-800">Hosted checkout:</span>
              <a href={embed.url} className={`${link} break-all`} data-testid="checkout-url">{embed.url}</a>
              <CopyButton value={embed.url} label={`${embed.name} checkout link`} />
            </div>
            <div className="mt-3 flex items-center justify-between gap-2">
              <h3 className="text-sm font-medium text-slate-800" id={`snippet-${embed.planId}`}>Snippet (iframe and success listener)</h3>
              <CopyButton value={embed.snippet} label={`${embed.name} snippet`} />
            </div>
            <pre aria-labelledby={`snippet-${embed.planId}`} tabIndex={0} data-testid="checkout-snippet" className="mt-2 overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-50 focus-visible:outline-2 focus-visible:outline-teal-700">
              <code>{embed.snippet}</code>
            </pre>
          </section>
        ))
      )}
    </div>
  );
}

// /sign-in/check-email: the same answer whether or not the address has an account.
import { pick } from "@/lib/i18n/messages";
import { authMessages } from "@/lib/i18n/messages/auth";
import { TOKEN_TTL_MS } from "@/lib/portal-auth/tokens";
import { getPortalVisitor } from "../../../viewer";

export const dynamic = "force-dynamic";

export default async function CheckEmailPage({ params }: { params: Promise<{ host: string }> }) {
  const { locale } = await getPortalVisitor(params);
  const m = pick(authMessages, locale).checkEmail;
  return (
    <div lang={locale} className="space-y-4">
      <h1 className="text-xl font-semibold text-zinc-900">{m.title}</h1>
      <p role="status" className="text-sm text-zinc-700">
        {m.body(TOKEN_TTL_MS.magic_link / 60_000)}
      </p>
      <p className="text-sm text-zinc-600">{m.spam}</p>
      <p className="text-sm">
        <a href="/sign-in" className="font-medium text-[var(--brand)] underline-offset-2 hover:underline">
          {m.back}
        </a>
      </p>
    </div>
  );
}

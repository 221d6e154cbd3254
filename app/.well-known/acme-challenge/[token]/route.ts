// GET /.well-known/acme-challenge/:token — HTTP-01 answer for a certificate order in flight (any host, any node)
import { answerHttp01Challenge } from "@/lib/acme/challenges";
import { trustProxy } from "@/lib/tenancy/config";
import { requestHostHeader } from "@/lib/tenancy/request-host";

export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await ctx.params;
  const keyAuthorization = await answerHttp01Challenge({ host: requestHostHeader(req.headers, { trustProxy: trustProxy() }), token });
  return keyAuthorization
    ? new Response(keyAuthorization, { status: 200, headers: { "content-type": "text/plain", "cache-control": "no-store" } })
    : new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain", "cache-control": "no-store" } });
}

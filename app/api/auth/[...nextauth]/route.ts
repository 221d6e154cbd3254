// /api/auth/* — Auth.js endpoints for merchant staff sign-in (admin area)
import { NextRequest } from "next/server";
import { handlers } from "@/auth";
import { appUrl } from "@/lib/env";

// Route handlers see `http://localhost:PORT` as their URL: Auth.js builds its redirects (such as
// the email link's landing) from it, so hand it the deployment's own origin (APP_URL).
function onAppOrigin(req: NextRequest): NextRequest {
  const origin = new URL(appUrl()).origin;
  return req.nextUrl.origin === origin ? req : new NextRequest(req.nextUrl.href.replace(req.nextUrl.origin, origin), req);
}

export const GET = (req: NextRequest) => handlers.GET(onAppOrigin(req));
export const POST = (req: NextRequest) => handlers.POST(onAppOrigin(req));

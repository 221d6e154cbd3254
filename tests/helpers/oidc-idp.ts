import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";

// A real OpenID Connect provider (the `oidc-provider` package) on a random local port, standing
// in for a merchant's IdP in tests: one confidential client (client_secret_post, code + PKCE),
// accounts kept in memory (`users`: sub -> claims). Used by tests/portal-auth/oidc.test.ts (plain
// HTTP, the login completed programmatically) and e2e/portal-sso.spec.ts (HTTPS with a test
// certificate, a login page and a consent page a person fills in).
export type IdpClaims = { email?: string; email_verified?: boolean; name?: string; billing_account_id?: string };

export type TestIdp = {
  issuer: string;
  /** The IdP's accounts: `sub` -> the claims it releases. */
  users: Map<string, IdpClaims>;
  /** Login pages only: `sub` -> the password its login page accepts (with the account's email). */
  passwords: Map<string, string>;
  /** Programmatic login only: who "signs in" at the IdP's next interaction. */
  loginAs(sub: string): void;
  close(): Promise<void>;
};

type Options = {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  /** Serve over HTTPS with this key and certificate (PEM); else plain HTTP. */
  tls?: { key: string; cert: string };
  /**
   * "programmatic": any request to the interaction URL signs `loginAs` in and consent is implied
   * (a first-party client). "pages": an HTML login form (email + password) and consent form.
   */
  interactions: "programmatic" | "pages";
};

export async function startTestIdp(options: Options): Promise<TestIdp> {
  const server: Server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }) : createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `${options.tls ? "https" : "http"}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const users = new Map<string, IdpClaims>();
  const passwords = new Map<string, string>();
  let loginAs: string | null = null;
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const provider = new Provider(issuer, {
    clients: [{
      client_id: options.clientId, client_secret: options.clientSecret, redirect_uris: options.redirectUris,
      grant_types: ["authorization_code"], response_types: ["code"], token_endpoint_auth_method: "client_secret_post",
    }],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: "idp-1", alg: "RS256", use: "sig" }] },
    cookies: { keys: ["oidc-test-cookie-key-0123456789"] },
    features: { devInteractions: { enabled: false } },
    ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    claims: { openid: ["sub", "billing_account_id"], email: ["email", "email_verified"], profile: ["name"] },
    findAccount: async (_ctx: KoaContextWithOIDC, sub: string) => {
      const user = users.get(sub);
      return user ? { accountId: sub, claims: async () => ({ sub, ...user }) } : undefined;
    },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    // Programmatic: a first-party client, consent is implied (the grant covers what was asked).
    ...(options.interactions === "programmatic"
      ? {
        loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
          const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
          grant.addOIDCScope(String(ctx.oidc.params!.scope));
          await grant.save();
          return grant;
        },
      }
      : {}),
  });
  const callback = provider.callback();
  const interaction = options.interactions === "programmatic"
    ? (req: IncomingMessage, res: ServerResponse) => provider.interactionFinished(req, res, { login: { accountId: loginAs! } }, { mergeWithLastSubmission: false })
    : (req: IncomingMessage, res: ServerResponse) => interactionPages(provider, users, passwords, req, res);
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith("/interaction/")) {
      callback(req, res);
      return;
    }
    interaction(req, res).catch((error: unknown) => {
      if (res.headersSent) return res.end();
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  return {
    issuer,
    users,
    passwords,
    loginAs: (sub) => void (loginAs = sub),
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      (server as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
    }),
  };
}

// --- the IdP's own pages: sign in (email + password), then allow the client's access ---

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: ServerResponse, title: string, body: string, status = 200) {
  res.statusCode = status;
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)} · Test IdP</title></head>` +
    `<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`);
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function loginForm(uid: string, error?: string) {
  return `${error ? `<p role="alert">${escape(error)}</p>` : ""}<form method="post" action="/interaction/${uid}/login">` +
    `<p><label for="email">Email</label> <input id="email" name="email" type="email" autocomplete="username" required></p>` +
    `<p><label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password" required></p>` +
    `<p><button type="submit">Sign in</button></p></form>`;
}

async function interactionPages(provider: Provider, users: Map<string, IdpClaims>, passwords: Map<string, string>, req: IncomingMessage, res: ServerResponse) {
  const details = await provider.interactionDetails(req, res);
  const { uid, prompt, params, session, grantId } = details;
  const action = new URL(req.url!, "http://idp").pathname.split("/")[3];
  if (req.method === "GET" && prompt.name === "login") return page(res, "Sign in", loginForm(uid));
  if (req.method === "GET" && prompt.name === "consent") {
    const scopes = [...((prompt.details.missingOIDCScope as string[] | undefined) ?? [])].join(", ");
    return page(res, "Allow access", `<p>${escape(String(params.client_id))} asks for: ${escape(scopes)}.</p>` +
      `<form method="post" action="/interaction/${uid}/confirm"><button type="submit">Allow</button></form>`);
  }
  if (req.method === "POST" && action === "login" && prompt.name === "login") {
    const form = await formBody(req);
    const email = form.get("email")?.trim().toLowerCase();
    const sub = [...users].find(([, claims]) => claims.email?.toLowerCase() === email)?.[0];
    if (!sub || passwords.get(sub) !== form.get("password")) return page(res, "Sign in", loginForm(uid, "Wrong email or password."), 401);
    return provider.interactionFinished(req, res, { login: { accountId: sub } }, { mergeWithLastSubmission: false });
  }
  if (req.method === "POST" && action === "confirm" && prompt.name === "consent") {
    const grant = grantId ? (await provider.Grant.find(grantId))! : new provider.Grant({ accountId: session!.accountId, clientId: String(params.client_id) });
    const missingScope = prompt.details.missingOIDCScope as string[] | undefined;
    const missingClaims = prompt.details.missingOIDCClaims as string[] | undefined;
    if (missingScope) grant.addOIDCScope(missingScope.join(" "));
    if (missingClaims) grant.addOIDCClaims(missingClaims);
    return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  }
  return page(res, "Not supported", `<p>${escape(prompt.name)}</p>`, 400);
}

import { defineMessages } from "../messages";

// Single sign-on on the portal's sign-in page: the "Sign in with <IdP>" button and the notices a
// refused SSO sign-in (or a second factor locked by too many wrong codes) leads to (`?error=`).
export const ssoMessages = defineMessages({
  en: {
    signInWith: (idp: string) => `Sign in with ${idp}`,
    notices: {
      sso_failed: "Single sign-on did not work. Go back to where you came from and try again.",
      sso_expired: "That sign-in has expired. Go back to where you came from and try again.",
      sso_no_account: "Your account does not have access to this portal yet. Ask the company that gave you access.",
      sso_unavailable: "Single sign-on is not available right now. Try another way to sign in.",
      two_factor_locked: "Too many wrong authentication codes. Sign in again in a few minutes.",
    } as Record<string, string>,
  },
  "pt-BR": {
    signInWith: (idp: string) => `Entrar com ${idp}`,
    notices: {
      sso_failed: "O acesso único (SSO) não funcionou. Volte para onde você estava e tente de novo.",
      sso_expired: "Esse acesso expirou. Volte para onde você estava e tente de novo.",
      sso_no_account: "Sua conta ainda não tem acesso a este portal. Peça acesso à empresa que o forneceu.",
      sso_unavailable: "O acesso único (SSO) não está disponível agora. Tente outra forma de entrar.",
      two_factor_locked: "Muitos códigos de autenticação errados. Entre de novo daqui a alguns minutos.",
    } as Record<string, string>,
  },
});

/** What the button names: the IdP's host (the configuration has no display name). */
export function identityProviderName(issuer: string): string {
  try {
    return new URL(issuer).hostname;
  } catch {
    return issuer;
  }
}

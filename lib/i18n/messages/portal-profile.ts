import { defineMessages } from "../messages";

// The portal's Account, Profile and Settings sections (the customer's own data, their sign-in
// and their account's users), and the email-change confirmation page.
import { portalProfileEn } from "./portal-profile.en";
import { portalProfilePtBr } from "./portal-profile.pt-BR";

export const portalProfileMessages = defineMessages({ en: portalProfileEn, "pt-BR": portalProfilePtBr });

export type PortalProfileMessages = (typeof portalProfileMessages)["en"];

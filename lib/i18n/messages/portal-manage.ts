import { defineMessages } from "../messages";

// The portal's self-service sections: Subscriptions, Payment methods, Products, Usage,
// Proposals. Values arrive formatted for the locale (money, dates).
import { portalManageEn } from "./portal-manage.en";
import { portalManagePtBr } from "./portal-manage.pt-BR";

export const portalManageMessages = defineMessages({ en: portalManageEn, "pt-BR": portalManagePtBr });

export type PortalManageMessages = (typeof portalManageMessages)["en"];

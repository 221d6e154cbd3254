export * from "./organizations";
export * from "./auth";
export * from "./api";
export * from "./billing-accounts";
export * from "./catalog";
export * from "./plans";
export * from "./promotions";
export * from "./credits";

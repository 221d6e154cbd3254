export * from "./organizations";
export * from "./auth";
export * from "./api";
export * from "./billing-accounts";

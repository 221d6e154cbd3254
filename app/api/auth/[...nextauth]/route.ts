// /api/auth/* — Auth.js endpoints for merchant staff sign-in (admin area)
import { handlers } from "@/auth";

export const { GET, POST } = handlers;

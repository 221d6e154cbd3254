// The message the embedded checkout posts to the embedding page on success (no server code
// here: the browser bundle imports it).
export const CHECKOUT_MESSAGE_TYPE = "ciclo.checkout.completed";

export type CheckoutMessage = {
  type: typeof CHECKOUT_MESSAGE_TYPE;
  subscription_id: string;
  billing_account_id: string;
  /** The portal's address (no credential in it). */
  portal_url: string;
};

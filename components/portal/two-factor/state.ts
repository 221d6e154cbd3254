// What the two-factor forms hold between submissions (useActionState). Plain data: it crosses
// from the server actions to the browser. `recoveryCodes` is set once, right after they are made.
export type TwoFactorFormState = { status: "idle" | "error" | "done"; message: string | null; recoveryCodes?: string[] };
export type TwoFactorAction = (previous: TwoFactorFormState, form: FormData) => Promise<TwoFactorFormState>;
export const IDLE_TWO_FACTOR: TwoFactorFormState = { status: "idle", message: null };

/** A pending enrollment as the page shows it: the QR code (an SVG data: URL) and the key in groups of 4. */
export type EnrollmentView = { qrDataUrl: string; groupedKey: string; issuer: string; label: string };

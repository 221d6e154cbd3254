import type { DomainStatus } from "@/db/schema";

// A custom domain's state in words, for people (the admin's Domain screen): what it means, what
// happens next, and what to do. `settled` says nothing changes without someone acting (or much
// later, at renewal), so a screen may stop refreshing.
export type DomainStatusInput = {
  status: DomainStatus;
  verificationError: string | null;
  lastCheckedAt: Date | null;
  failureReason: string | null;
  nextAttemptAt: Date | null;
  certificateNotAfter: Date | null;
};

export type DomainStatusText = { label: string; tone: "waiting" | "progress" | "ok" | "error"; summary: string; detail: string | null; settled: boolean };

const day = (d: Date) => d.toISOString().slice(0, 10);
const when = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export function explainDomainStatus(input: DomainStatusInput): DomainStatusText {
  switch (input.status) {
    case "pending":
      return {
        label: "Waiting for DNS",
        tone: "waiting",
        summary: "Create the DNS records below. We check them automatically (every few minutes at first, then hourly), or at once with “Verify now”.",
        detail: input.lastCheckedAt
          ? `Last check (${when(input.lastCheckedAt)}): ${input.verificationError ?? "the records were not found yet"}.`
          : "Not checked yet.",
        settled: false,
      };
    case "verified":
      return { label: "Verified", tone: "progress", summary: "You control this host. A certificate is being requested next.", detail: null, settled: false };
    case "issuing":
      return { label: "Issuing a certificate", tone: "progress", summary: "The certificate authority is checking the host and issuing its certificate. This usually takes under a minute.", detail: null, settled: false };
    case "active": {
      const expiry = input.certificateNotAfter ? `The certificate is valid until ${day(input.certificateNotAfter)} and renews automatically.` : "The certificate renews automatically.";
      const renewal = input.failureReason
        ? ` The last renewal failed (${input.failureReason}); the current certificate keeps working${input.nextAttemptAt ? ` and it is retried at ${when(input.nextAttemptAt)}` : ""}.`
        : "";
      return { label: "Active", tone: input.failureReason ? "error" : "ok", summary: "Your portal is served on this host over HTTPS.", detail: `${expiry}${renewal}`, settled: true };
    }
    case "failed":
      return {
        label: "Certificate failed",
        tone: "error",
        summary: `The certificate could not be issued: ${input.failureReason ?? "the certificate authority refused the order"}.`,
        detail:
          "Check that the CNAME or A record points at Ciclo and that no AAAA record points elsewhere; the order is retried automatically" +
          (input.nextAttemptAt ? ` at ${when(input.nextAttemptAt)}.` : "."),
        settled: true,
      };
  }
}

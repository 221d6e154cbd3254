import { getDb } from "@/db";
import { now } from "@/lib/clock";
import type { JobDefinition } from "@/lib/jobs/definitions";
import { log } from "@/lib/log";
import { EMAIL_DELIVER_QUEUE, EMAIL_RENEWALS_QUEUE, EMAIL_SWEEP_QUEUE, enqueueEmails } from "./queue";
import { deliverEmail, dueEmails } from "./send";
import { announceUpcomingRenewals } from "./upcoming-renewals";

// The email jobs (listed in lib/jobs/definitions.ts): delivery, the sweep for rows whose job was
// lost or whose retry is due, and the daily upcoming-renewal notices.
export const emailJobs: JobDefinition[] = [
  {
    // One attempt; a failure schedules the next one itself (1 min, 5 min, 30 min, 2 h after creation).
    name: EMAIL_DELIVER_QUEUE,
    pollSeconds: 1, // a magic link should arrive within seconds
    run: async (data) => {
      const outcome = await deliverEmail(getDb(), String(data.emailId));
      if (outcome?.status === "queued" && outcome.retryAt) await enqueueEmails([String(data.emailId)], outcome.retryAt);
    },
  },
  {
    // Emails queued outside an API request, whose job was lost, or whose retry is due.
    name: EMAIL_SWEEP_QUEUE,
    cron: "* * * * *",
    run: async () => {
      await enqueueEmails(await dueEmails(getDb(), new Date()));
    },
  },
  {
    // 12:00 UTC (09:00 in Brasília): renewals a week ahead, each announced once.
    name: EMAIL_RENEWALS_QUEUE,
    cron: "0 12 * * *",
    run: async () => {
      const counts = await announceUpcomingRenewals(getDb(), now());
      log.info("upcoming renewals announced", counts);
    },
  },
];

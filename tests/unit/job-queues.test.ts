import { describe, expect, it } from "vitest";
import { QUEUES } from "@/lib/jobs/boss";
import { jobs } from "@/lib/jobs/definitions";

// pg-boss 10 sends to and works on created queues only, and getBoss creates those of QUEUES:
// a job defined without its queue there would fail at start-up.
describe("job queues", () => {
  it("has a queue for every job, and a job for every queue", () => {
    expect([...QUEUES].sort()).toEqual(jobs.map((j) => j.name).sort());
  });
});

describe("CICLO_WORKER_QUEUES", () => {
  it("picks the named jobs, all when unset, and names a job that does not exist", async () => {
    const { selectedJobs } = await import("@/lib/jobs/worker");
    expect(selectedJobs(undefined).map((j) => j.name)).toEqual(jobs.map((j) => j.name));
    expect(selectedJobs("acme.issue,acme.renew").map((j) => j.name)).toEqual(["acme.issue", "acme.renew"]);
    expect(() => selectedJobs("acme.issue,acme.order")).toThrow("CICLO_WORKER_QUEUES: no such job acme.order");
  });
});

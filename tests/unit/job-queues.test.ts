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

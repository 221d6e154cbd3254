-- Rate-limit buckets are disposable state written on every token lease: keep them out of the
-- WAL. A crash empties the table (every bucket starts full again), which is harmless, and a
-- take no longer waits for a WAL flush at commit.
ALTER TABLE "rate_limit_buckets" SET UNLOGGED;

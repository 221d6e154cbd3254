import http from "node:http";

// A real HTTP server that records what it receives (webhook deliveries) and answers with the
// status the test chooses. `next(match?)` resolves on the next request that matches: tests wait
// on it, not on time (other deliveries, e.g. the sweeper's, may arrive meanwhile).
export type Received = { headers: http.IncomingHttpHeaders; body: string; at: number };

export async function startReceiver() {
  const received: Received[] = [];
  let status = 200;
  let waiters: Array<{ match: (r: Received) => boolean; resolve: (r: Received) => void }> = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const r = { headers: req.headers, body, at: Date.now() };
      received.push(r);
      res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "nope");
      const [hit, rest] = [waiters.filter((w) => w.match(r)), waiters.filter((w) => !w.match(r))];
      waiters = rest;
      hit.forEach((w) => w.resolve(r));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    respondWith: (code: number) => (status = code),
    next: (match: (r: Received) => boolean = () => true) => new Promise<Received>((resolve) => waiters.push({ match, resolve })),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

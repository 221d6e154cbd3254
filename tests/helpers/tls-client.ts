import type { X509Certificate } from "node:crypto";
import http from "node:http";
import net from "node:net";
import tls from "node:tls";

// TLS and plain-HTTP clients for the serving tests: what a browser does, one step at a time.
export type Handshake = {
  authorized: boolean;
  authorizationError: string | null;
  certificate: X509Certificate;
  protocol: string | null;
  cipher: string;
  alpn: string | false | null;
};

/** One handshake to 127.0.0.1:port naming `servername` (none when null); rejects when it fails. */
export function handshake(port: number, servername: string | null, options: tls.ConnectionOptions = {}): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: "127.0.0.1", port, ...(servername ? { servername } : {}), rejectUnauthorized: false, ALPNProtocols: ["h2", "http/1.1"], ...options }, () => {
      resolve({
        authorized: socket.authorized,
        authorizationError: socket.authorizationError ? String(socket.authorizationError) : null,
        certificate: socket.getPeerX509Certificate()!,
        protocol: socket.getProtocol(),
        cipher: socket.getCipher().name,
        alpn: socket.alpnProtocol,
      });
      socket.destroy();
    });
    socket.once("error", reject);
  });
}

/** The error code of a handshake expected to fail (the client's side of it). */
export async function refusedHandshake(port: number, servername: string, options: tls.ConnectionOptions): Promise<string> {
  try {
    await handshake(port, servername, options);
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  throw new Error(`the handshake with ${JSON.stringify(options)} succeeded`);
}

export type PlainResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** A plain-HTTP request to 127.0.0.1:port with the given Host header. */
export function httpGet(port: number, path: string, host: string, method = "GET"): Promise<PlainResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path, method, headers: { host }, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.once("error", reject);
    req.end();
  });
}

/** Raw bytes to a plain-HTTP port (requests http.request will not send, e.g. without a Host header); the status line back. */
export function rawHttp(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = "";
    const socket = net.connect(port, "127.0.0.1", () => socket.write(request));
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (answer += chunk));
    socket.on("end", () => resolve(answer.split("\r\n")[0] ?? ""));
    socket.once("error", reject);
  });
}

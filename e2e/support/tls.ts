import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// A throwaway certificate authority and a certificate for 127.0.0.1 / localhost, made with
// openssl when the e2e server starts (e2e/server.ts). The Next server trusts the CA through
// NODE_EXTRA_CA_CERTS (read once, at process start), so specs can serve HTTPS test services it
// calls (the OpenID Connect provider of e2e/portal-sso.spec.ts) without relaxing the app's
// https-only rules. One folder per E2E_PORT, so two runs on one machine keep their own.
export type TestTls = { dir: string; caCert: string; cert: string; key: string };

export function e2eTlsDir(port = Number(process.env.E2E_PORT ?? 3310)): string {
  return path.join(os.tmpdir(), `ciclo-e2e-tls-${port}`);
}

const files = (dir: string): TestTls => ({ dir, caCert: path.join(dir, "ca.pem"), cert: path.join(dir, "server.pem"), key: path.join(dir, "server.key") });

/** A new CA and server certificate in `dir` (replacing any there), valid for two days. */
export function makeTestTls(dir: string): TestTls {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const out = files(dir);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  openssl("req", "-x509", ...ec, "-keyout", "ca.key", "-out", out.caCert, "-days", "2", "-subj", "/CN=Ciclo e2e throwaway CA",
    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
  openssl("req", ...ec, "-keyout", out.key, "-out", "server.csr", "-subj", "/CN=127.0.0.1");
  fs.writeFileSync(path.join(dir, "server.ext"), [
    "basicConstraints=critical,CA:FALSE",
    "keyUsage=critical,digitalSignature",
    "extendedKeyUsage=serverAuth",
    "subjectAltName=IP:127.0.0.1,DNS:localhost",
  ].join("\n"));
  openssl("x509", "-req", "-in", "server.csr", "-CA", out.caCert, "-CAkey", "ca.key", "-CAcreateserial", "-days", "2", "-extfile", "server.ext", "-out", out.cert);
  fs.rmSync(path.join(dir, "ca.key")); // nothing else is ever signed with it
  return out;
}

/** The certificate the e2e server made (its CA is trusted by that server), as PEM strings. */
export function readTestTls(dir = e2eTlsDir()): { key: string; cert: string } {
  const { key, cert } = files(dir);
  if (!fs.existsSync(cert)) throw new Error(`no test certificate at ${cert}: the e2e server (e2e/server.ts) makes it when it starts`);
  return { key: fs.readFileSync(key, "utf8"), cert: fs.readFileSync(cert, "utf8") };
}

import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

// A real SMTP server on a random local port (the `smtp-server` package) that keeps what it is
// sent, parsed (mailparser), or refuses every message with a temporary error.
export type Delivered = { envelope: { from: string; to: string[] }; mail: ParsedMail; raw: string };

export type SmtpSink = { url: string; messages: Delivered[]; close: () => Promise<void> };

export async function startSmtpSink(options: { reject?: boolean; auth?: { user: string; pass: string } } = {}): Promise<SmtpSink> {
  const messages: Delivered[] = [];
  const server = new SMTPServer({
    logger: false,
    closeTimeout: 200, // pooled client connections stay open: do not wait 30 s for them on close
    disabledCommands: options.auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === options.auth?.user && auth.password === options.auth?.pass) callback(null, { user: auth.username });
      else callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (options.reject) {
          callback(Object.assign(new Error("Mailbox temporarily unavailable"), { responseCode: 451 }));
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((mail) => {
            const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
            messages.push({ envelope: { from, to: session.envelope.rcptTo.map((r) => r.address) }, mail, raw: raw.toString("utf8") });
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  const credentials = options.auth ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@` : "";
  return {
    url: `smtp://${credentials}127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first http(s) link on its own line in a plain-text part that follows `label:` (or any link). */
export function linkAfter(text: string, label?: string): string | null {
  const lines = text.split(/\r?\n/);
  const start = label ? lines.findIndex((l) => l.trim() === `${label}:`) : -1;
  for (const line of lines.slice(start + 1)) if (/^https?:\/\/\S+$/.test(line.trim())) return line.trim();
  return null;
}

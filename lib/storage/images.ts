// What an uploaded image really is, from its bytes (never from the browser's claim or the
// file name): PNG, JPEG, ICO or SVG. SVG is text that may carry scripts; it is accepted because
// logos are often SVG, and made harmless where it is served (serve.ts: a CSP that forbids
// scripts, nosniff, and a download when opened on its own).
export type ImageKind = { contentType: "image/png" | "image/jpeg" | "image/x-icon" | "image/svg+xml"; extension: "png" | "jpg" | "ico" | "svg" };

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const ICO = Buffer.from([0x00, 0x00, 0x01, 0x00]);

const startsWith = (data: Buffer, magic: Buffer) => data.length > magic.length && data.subarray(0, magic.length).equals(magic);

/** The SVG root after the prolog: an optional XML declaration, comments and a DOCTYPE without an internal subset. */
function looksLikeSvg(data: Buffer): boolean {
  if (data.includes(0)) return false;
  const text = new TextDecoder("utf-8", { fatal: false }).decode(data.subarray(0, 4096)).replace(/^\uFEFF/, "");
  if (text.includes("\uFFFD")) return false;
  let rest = text.trimStart();
  rest = rest.replace(/^<\?xml[^>]*\?>\s*/, "");
  for (;;) {
    const comment = /^<!--[\s\S]*?-->\s*/.exec(rest);
    if (comment) { rest = rest.slice(comment[0].length); continue; }
    const doctype = /^<!DOCTYPE\s+svg[^[>]*>\s*/i.exec(rest);
    if (doctype) { rest = rest.slice(doctype[0].length); continue; }
    break;
  }
  return /^<svg[\s>]/.test(rest);
}

export function sniffImage(data: Buffer): ImageKind | null {
  if (startsWith(data, PNG)) return { contentType: "image/png", extension: "png" };
  if (startsWith(data, JPEG)) return { contentType: "image/jpeg", extension: "jpg" };
  if (startsWith(data, ICO)) return { contentType: "image/x-icon", extension: "ico" };
  if (looksLikeSvg(data)) return { contentType: "image/svg+xml", extension: "svg" };
  return null;
}

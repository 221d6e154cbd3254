// Text that goes into a BR Code. Payer apps display these fields and many readers choke on
// anything outside ASCII, so accents are removed rather than encoded ("São Paulo" -> "Sao Paulo").

function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * Accents off (NFD splits "ã" into "a" + a combining mark, and the marks are dropped),
 * whitespace collapsed, `disallowed` characters dropped, then cut to `maxLength`.
 */
function clean(text: string, disallowed: RegExp, maxLength: number): string {
  const ascii = collapseWhitespace(text.normalize("NFD").replace(/\p{M}/gu, ""));
  return collapseWhitespace(collapseWhitespace(ascii.replace(disallowed, "")).slice(0, maxLength));
}

/** A merchant name or city: only [A-Za-z0-9 .-] survive (e.g. "&" and "ß" are dropped). */
export function pixNameText(text: string, maxLength: number): string {
  return clean(text, /[^A-Za-z0-9 .-]/g, maxLength);
}

/** Free text (the payer-visible description): any printable ASCII survives. */
export function pixFreeText(text: string, maxLength: number): string {
  return clean(text, /[^\x20-\x7e]/g, maxLength);
}

// Brazilian tax ids. CPF: 11 digits, 2 mod-11 check digits. CNPJ: 14 characters, the first 12
// digits or (from July 2026) upper-case letters, the last 2 numeric check digits; each
// character counts as its ASCII code minus 48, so the numeric CNPJ is the special case.
export type DocumentType = "cpf" | "cnpj";

/** Strips punctuation (. / - and spaces) and upper-cases; returns null for anything else. */
export function normalizeDocument(input: string): string | null {
  const stripped = input.replace(/[.\-/\s]/g, "").toUpperCase();
  return /^[0-9A-Z]+$/.test(stripped) ? stripped : null;
}

const value = (ch: string) => ch.charCodeAt(0) - 48;

function checkDigit(chars: string, weights: number[]): number {
  const sum = weights.reduce((acc, w, i) => acc + value(chars[i]!) * w, 0);
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

const allSame = (s: string) => /^(.)\1*$/.test(s);

export function isValidCpf(doc: string): boolean {
  if (!/^\d{11}$/.test(doc) || allSame(doc)) return false;
  const d1 = checkDigit(doc, [10, 9, 8, 7, 6, 5, 4, 3, 2]);
  const d2 = checkDigit(doc, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  return doc[9] === String(d1) && doc[10] === String(d2);
}

export function isValidCnpj(doc: string): boolean {
  if (!/^[0-9A-Z]{12}\d{2}$/.test(doc) || allSame(doc)) return false;
  const d1 = checkDigit(doc, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  const d2 = checkDigit(doc, [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  return doc[12] === String(d1) && doc[13] === String(d2);
}

/** The document's type when it is a valid CPF or CNPJ, else null. */
export function classifyDocument(input: string): { type: DocumentType; value: string } | null {
  const doc = normalizeDocument(input);
  if (!doc) return null;
  if (doc.length === 11 && isValidCpf(doc)) return { type: "cpf", value: doc };
  if (doc.length === 14 && isValidCnpj(doc)) return { type: "cnpj", value: doc };
  return null;
}

export function formatDocument(type: DocumentType, doc: string): string {
  return type === "cpf"
    ? `${doc.slice(0, 3)}.${doc.slice(3, 6)}.${doc.slice(6, 9)}-${doc.slice(9)}`
    : `${doc.slice(0, 2)}.${doc.slice(2, 5)}.${doc.slice(5, 8)}/${doc.slice(8, 12)}-${doc.slice(12)}`;
}

/**
 * Romanian identifiers with their real checksums, registered as JSON Schema formats:
 * cnp, cui, iban-ro, phone-ro, postal-code-ro.
 */

const CNP_KEY = '279146358279';
const CUI_KEY = '753217532';
const COUNTIES = new Set([...Array.from({ length: 48 }, (_, i) => String(i + 1).padStart(2, '0')), '51', '52', '70']);

/** Cod numeric personal: sex/century digit, a real birth date, a county code and the control digit. */
function isValidCnp(value: string): boolean {
  if (!/^[1-9]\d{12}$/.test(value)) return false;
  const d = value.split('').map(Number);
  const century = { 1: 1900, 2: 1900, 3: 1800, 4: 1800, 5: 2000, 6: 2000, 7: 1900, 8: 1900, 9: 1900 }[d[0]!]!;
  const year = century + Number(value.slice(1, 3));
  const month = Number(value.slice(3, 5));
  const day = Number(value.slice(5, 7));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (birth.getUTCFullYear() !== year || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day) return false;
  if (!COUNTIES.has(value.slice(7, 9))) return false;
  const sum = CNP_KEY.split('').reduce((acc, k, i) => acc + Number(k) * d[i]!, 0);
  const control = sum % 11 === 10 ? 1 : sum % 11;
  return control === d[12];
}

/** Cod unic de înregistrare / cod de identificare fiscală, with or without the RO prefix. */
function isValidCui(value: string): boolean {
  const m = /^(?:RO)?\s*(\d{2,10})$/i.exec(value.trim());
  if (!m) return false;
  const digits = m[1]!;
  const body = digits.slice(0, -1).padStart(9, '0').split('').map(Number);
  const sum = body.reduce((acc, n, i) => acc + n * Number(CUI_KEY[i]), 0);
  const control = (sum * 10) % 11 === 10 ? 0 : (sum * 10) % 11;
  return control === Number(digits.at(-1));
}

/** A Romanian IBAN: RO, two check digits, four bank letters, sixteen characters, mod 97 = 1. */
function isValidRomanianIban(value: string): boolean {
  const iban = value.replace(/\s+/g, '').toUpperCase();
  if (!/^RO\d{2}[A-Z]{4}[A-Z0-9]{16}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const digits = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** Romanian mobile (07xx) and fixed (02x, 03x) numbers, national or with +40 / 0040. */
function isValidRomanianPhone(value: string): boolean {
  const compact = value.replace(/[\s.\-()]/g, '');
  const national = compact.replace(/^(\+40|0040)/, '0');
  return /^07[2-9]\d{7}$/.test(national) || /^0[23]\d{8}$/.test(national);
}

function isValidPostalCode(value: string): boolean {
  return /^\d{6}$/.test(value.trim());
}

export const ROMANIAN_FORMATS: Record<string, (value: string) => boolean> = {
  cnp: isValidCnp,
  cui: isValidCui,
  'iban-ro': isValidRomanianIban,
  'phone-ro': isValidRomanianPhone,
  'postal-code-ro': isValidPostalCode,
};

import { randomInt } from 'node:crypto';
import QRCode from 'qrcode';

/** Letters and digits a person reads off paper without confusing them (no 0/O, 1/I/L, 5/S, 8/B). */
const ALPHABET = 'ACDEFGHJKMNPQRTUVWXY2345679';
const GROUPS = 3;
const GROUP = 4;

/** A fresh code, e.g. "K7QR-M9XP-4TDA": 12 characters, about 57 bits, so codes cannot be guessed. */
export function newVerificationCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let part = '';
    for (let i = 0; i < GROUP; i++) part += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(part);
  }
  return groups.join('-');
}

/** The code as typed by a person (any case, spaces or no dashes) in its printed form, or undefined. */
export function normaliseVerificationCode(text: string): string | undefined {
  const plain = text.toUpperCase().replace(/[\s-]/g, '');
  if (plain.length !== GROUPS * GROUP || [...plain].some((c) => !ALPHABET.includes(c))) return undefined;
  return plain.match(new RegExp(`.{${GROUP}}`, 'g'))!.join('-');
}

export function verificationUrl(publicUrl: string, code: string): string {
  return `${publicUrl}/verificare/${code}`;
}

/** A QR code of the text as an SVG drawn with one path: no script, no external image, prints sharp. */
export function qrSvg(text: string, label: string): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const size = modules.size + quiet * 2;
  let path = '';
  for (let y = 0; y < modules.size; y++) {
    for (let x = 0; x < modules.size; x++) if (modules.get(y, x)) path += `M${x + quiet} ${y + quiet}h1v1h-1z`;
  }
  const escaped = label.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="28mm" height="28mm" role="img" aria-label="${escaped}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
}

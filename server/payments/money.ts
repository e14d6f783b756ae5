import { AppError } from '../../engine/index.ts';

/** Lei with a decimal comma, as Romanian receipts write them: 1500 → "15,00". */
export function lei(bani: number): string {
  return `${Math.floor(bani / 100).toLocaleString('ro-RO')},${String(bani % 100).padStart(2, '0')}`;
}

/** Lei as a clerk types them ("12", "12,50", "12.5") to bani; more than two decimals is refused. */
export function baniFromLei(text: unknown): number | undefined {
  const s = typeof text === 'string' ? text.trim() : '';
  if (!s) return undefined;
  const m = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(s);
  if (!m) throw new AppError('payment-amount-invalid', { ro: 'Suma se scrie în lei, cu cel mult două zecimale (de exemplu 12,50).', en: 'Write the amount in lei with at most two decimals (e.g. 12.50).' });
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

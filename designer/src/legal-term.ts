/** dosar:legalTerm is "<amount> <unit>", as engine/calendar/deadline-ledger.ts parseLegalTerm reads it. */

export const TERM_UNITS = ['days', 'working-days', 'weeks', 'months', 'years'] as const;
export type TermUnit = (typeof TERM_UNITS)[number];

export function splitTerm(text: string | undefined): { amount: string; unit: TermUnit } {
  const m = /^\s*(\d+)\s+([a-z-]+)/.exec(text ?? '');
  const unit = TERM_UNITS.find((u) => u === m?.[2]) ?? 'days';
  return { amount: m?.[1] ?? '', unit };
}

export function joinTerm(amount: string, unit: TermUnit): string | undefined {
  return amount.trim() === '' ? undefined : `${Number(amount.trim())} ${unit}`;
}

import { AppError, type Database } from '../../engine/index.ts';

/**
 * Daily reconciliation for the finance department: the provider's settlement file (CSV) is
 * imported once per day and line (a second import of the same file writes nothing), then matched
 * with the orders by reference. The accounting export lists every paid or refunded order.
 *
 * Settlement CSV: a header `reference,payment_id,amount_bani,currency,kind` (kind: payment or
 * refund), one line per movement, comma-separated, no quoting needed (references are [A-Z0-9-]).
 */
const HEADER = 'reference,payment_id,amount_bani,currency,kind';
const LINE = /^([A-Za-z0-9-]{1,64}),([A-Za-z0-9_.:-]{0,128}),(\d{1,12}),([A-Z]{3}),(payment|refund)$/;

export interface SettlementLine { reference: string; paymentId: string; amountBani: number; currency: string; kind: 'payment' | 'refund' }

function parseSettlement(csv: string): SettlementLine[] {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines[0]?.toLowerCase() !== HEADER) throw new AppError('bad-input', { ro: `Fișierul de decontare trebuie să înceapă cu antetul „${HEADER}”.`, en: `The settlement file must start with the header "${HEADER}".` });
  return lines.slice(1).map((line, i) => {
    const m = LINE.exec(line);
    if (!m) throw new AppError('bad-input', { ro: `Linia ${i + 2} a fișierului de decontare nu are forma cerută.`, en: `Line ${i + 2} of the settlement file is not in the expected form.` });
    return { reference: m[1]!, paymentId: m[2]!, amountBani: Number(m[3]), currency: m[4]!, kind: m[5] as 'payment' | 'refund' };
  });
}

/**
 * A day as YYYY-MM-DD that the calendar has: checked before any statement, so a day such as
 * 2026-13-45 is the caller's mistake (400), not PostgreSQL's failed cast (500).
 */
export function checkDay(date: unknown): string {
  const m = typeof date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  const at = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !at || at.toISOString().slice(0, 10) !== date) throw new AppError('bad-input', { ro: 'Ziua se scrie AAAA-LL-ZZ și trebuie să existe în calendar (de exemplu 2026-03-02).', en: 'Write the day as YYYY-MM-DD, and it must exist in the calendar (e.g. 2026-03-02).' });
  return date as string;
}

export async function importSettlement(db: Database, date: string, csv: string, now: Date): Promise<{ imported: number; already: number }> {
  checkDay(date);
  const lines = parseSettlement(csv);
  let imported = 0;
  await db.transaction(async (tx) => {
    for (const l of lines) {
      const rows = await tx.query('insert into payment_settlements (settlement_date, reference, provider_payment_id, amount_bani, currency, kind, imported_at) values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing returning id',
        [date, l.reference, l.paymentId || null, l.amountBani, l.currency, l.kind, now]);
      imported += rows.length;
    }
  });
  return { imported, already: lines.length - imported };
}

/** How many settlement lines the day has, whatever their kind: what the finance page says was imported. */
export async function settlementLineCount(db: Database, date: string): Promise<number> {
  const [row] = await db.query<{ n: string }>('select count(*) as n from payment_settlements where settlement_date = $1', [checkDay(date)]);
  return Number(row?.n ?? 0);
}

export interface Mismatch { reference: string; problem: 'unknown-reference' | 'amount-differs' | 'not-paid-here' | 'missing-from-settlement'; settledBani: number | null; orderBani: number | null }

/**
 * What does not match on a day: settled lines with no order, an amount other than what the order
 * recorded, money settled for an order not paid here (expired, failed); and card payments
 * confirmed that day (Bucharest) that the settlement does not list.
 */
export async function reconcile(db: Database, date: string): Promise<Mismatch[]> {
  checkDay(date);
  const settled = await db.query<{ reference: string; amount: string; status: string | null; paid: string | null }>(
    `select s.reference, sum(case when s.kind = 'payment' then s.amount_bani else 0 end) as amount, o.status, o.paid_bani as paid
     from payment_settlements s left join payment_orders o on o.reference = s.reference
     where s.settlement_date = $1 group by s.reference, o.status, o.paid_bani order by s.reference`, [date]);
  const out: Mismatch[] = [];
  for (const s of settled) {
    const amount = Number(s.amount);
    if (s.status === null) out.push({ reference: s.reference, problem: 'unknown-reference', settledBani: amount, orderBani: null });
    else if (amount > 0 && s.status !== 'paid' && s.status !== 'refunded') out.push({ reference: s.reference, problem: 'not-paid-here', settledBani: amount, orderBani: 0 });
    else if (amount > 0 && amount !== Number(s.paid)) out.push({ reference: s.reference, problem: 'amount-differs', settledBani: amount, orderBani: Number(s.paid) });
  }
  const missing = await db.query<{ reference: string; paid: string }>(
    `select o.reference, o.paid_bani as paid from payment_orders o join payment_events e on e.order_id = o.id and e.kind = 'paid' and e.source <> 'counter'
     where (e.at at time zone 'Europe/Bucharest')::date = $1::date
       and not exists (select 1 from payment_settlements s where s.reference = o.reference and s.kind = 'payment') order by o.reference`, [date]);
  for (const m of missing) out.push({ reference: m.reference, problem: 'missing-from-settlement', settledBani: null, orderBani: Number(m.paid) });
  return out;
}

/** The accounting system's CSV: every order paid or refunded in [from, to] (Bucharest days). */
export async function exportPayments(db: Database, from: string, to: string): Promise<string> {
  if (checkDay(from) > checkDay(to)) throw new AppError('bad-input', { ro: 'Prima zi a exportului este după ultima.', en: 'The first day of the export is after the last.' });
  const rows = await db.query<{ reference: string; registration_number: string | null; payer_name: string; description: string; paid_bani: string; refunded_bani: string; status: string; counter_receipt: string | null; provider_payment_id: string | null; at: Date }>(
    `select o.reference, o.registration_number, o.payer_name, o.description, o.paid_bani, o.refunded_bani, o.status, o.counter_receipt, o.provider_payment_id, e.at
     from payment_orders o join payment_events e on e.order_id = o.id and e.kind = 'paid'
     where (e.at at time zone 'Europe/Bucharest')::date between $1::date and $2::date order by e.at`, [from, to]);
  const cell = (v: unknown) => { const s = v === null || v === undefined ? '' : String(v); return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s; };
  const lines = rows.map((r) => [r.reference, r.registration_number, r.payer_name, r.description, r.paid_bani, r.refunded_bani, r.status, r.counter_receipt ? 'counter' : 'card', r.counter_receipt ?? r.provider_payment_id, new Date(r.at).toISOString()].map(cell).join(','));
  return ['reference,registration_number,payer,description,paid_bani,refunded_bani,status,method,receipt_or_payment_id,paid_at', ...lines].join('\n') + '\n';
}

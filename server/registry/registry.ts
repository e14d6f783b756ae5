import { localDate, AppError, type Database } from '../../engine/index.ts';

/** A number in a register: gapless per register and calendar year (Bucharest time). */
export interface RegistryNumber {
  register: string;
  year: number;
  number: number;
  /** As printed: `<n>/<dd.mm.yyyy>` by default. */
  formatted: string;
}

export const DEFAULT_FORMAT = '{n}/{dd}.{mm}.{yyyy}';
/** The outgoing register's series: "IEȘ-1/03.12.2026" answers "1/03.12.2026". */
export const DEFAULT_OUTGOING_FORMAT = 'IEȘ-{n}/{dd}.{mm}.{yyyy}';
const REGISTER = /^[a-z][a-z0-9-]{0,40}$/;

/**
 * Takes the next number of a register. Call it inside the transaction that accepts the document:
 * the counter row stays locked until that transaction ends, and a rollback gives the number back,
 * so numbers have no gaps (a sequence would leave one at every failed submission). Because every
 * other taker of the register waits for that lock, call it LAST, with only cheap SQL between it and
 * the commit: no engine step, expression, template or PDF (see submit-request.ts, issue-document.ts).
 */
export async function takeNumber(tx: Database, register: string, at: Date, format = DEFAULT_FORMAT): Promise<RegistryNumber> {
  return (await takeNumbers(tx, register, at, 1, format))[0]!;
}

/** The next `count` numbers of a register, consecutive, in one statement (a batch of submissions). */
export async function takeNumbers(tx: Database, register: string, at: Date, count: number, format = DEFAULT_FORMAT): Promise<RegistryNumber[]> {
  if (!REGISTER.test(register)) throw new AppError('bad-input', `"${register}" is not a register name`);
  if (!Number.isSafeInteger(count) || count < 1) throw new AppError('bad-input', `Cannot take ${count} numbers`);
  const day = localDate(at);
  const year = Number(day.slice(0, 4));
  const [row] = await tx.query<{ last_number: number }>(
    `insert into registers (register, year, last_number) values ($1, $2, $3)
     on conflict (register, year) do update set last_number = registers.last_number + $3
     returning last_number`,
    [register, year, count],
    'dosar_take_numbers',
  );
  const first = row!.last_number - count + 1;
  return Array.from({ length: count }, (_, i) => ({ register, year, number: first + i, formatted: formatNumber(format, first + i, day, register) }));
}

/** `{n}`, `{dd}`, `{mm}`, `{yyyy}` and `{register}` placeholders; anything else is kept as written. */
export function formatNumber(format: string, number: number, day: string, register = ''): string {
  const [yyyy, mm, dd] = day.split('-');
  return format.replace(/\{(n|dd|mm|yyyy|register)\}/g, (_, key: string) => ({ n: String(number), dd: dd!, mm: mm!, yyyy: yyyy!, register })[key as 'n']);
}

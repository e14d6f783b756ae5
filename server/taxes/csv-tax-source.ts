import { readFile } from 'node:fs/promises';
import { AppError } from '../../engine/index.ts';
import { summarise, type TaxpayerId, type TaxSituation, type TaxSituationSource } from './tax-situation.ts';

const HEADER = ['tip', 'cod', 'nume', 'categorie', 'datorat', 'achitat'];

/**
 * Tax records from a CSV file, for tests and small installations. One row per taxpayer and
 * category of local tax, with a header:
 *
 *   tip,cod,nume,categorie,datorat,achitat
 *   cnp,1800101400019,Maria Ionescu,impozit-cladiri,450.00,450.00
 *   cui,18547290,Exemplu SRL,impozit-teren,1200.50,0
 *
 * Fields are separated by commas (no quoting: names and categories hold no commas); amounts are
 * lei with a decimal point. The file is read again on each question, so an export replaced in place
 * is seen at once. Its path comes from the operator's configuration (DOSAR_TAX_CSV), never from a request.
 */
export class CsvTaxSituationSource implements TaxSituationSource {
  constructor(private readonly path: string) {}

  async situation(id: TaxpayerId): Promise<TaxSituation | undefined> {
    const rows = parseTaxCsv(await readFile(this.path, 'utf8'), this.path).filter((r) => r.kind === id.kind && r.code === id.code);
    if (rows.length === 0) return undefined;
    return summarise({ ...id, name: rows[0]!.name }, rows);
  }
}

interface TaxRow { kind: TaxpayerId['kind']; code: string; name: string; category: string; due: number; paid: number }

function parseTaxCsv(text: string, path: string): TaxRow[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const bad = (line: number, why: string) => new AppError('bad-input', `${path}, line ${line}: ${why}`);
  if (lines[0]?.split(',').map((h) => h.trim().toLowerCase()).join(',') !== HEADER.join(',')) throw bad(1, `the header must be ${HEADER.join(',')}`);
  return lines.slice(1).map((line, i) => {
    const cells = line.split(',').map((c) => c.trim());
    if (cells.length !== HEADER.length) throw bad(i + 2, `expected ${HEADER.length} fields, found ${cells.length}`);
    const [kind, code, name, category, due, paid] = cells as [string, string, string, string, string, string];
    if (kind !== 'cnp' && kind !== 'cui') throw bad(i + 2, `tip must be cnp or cui, not "${kind}"`);
    const amount = (text: string, field: string) => {
      if (!/^\d+(\.\d{1,2})?$/.test(text)) throw bad(i + 2, `${field} "${text}" is not an amount in lei`);
      return Number(text);
    };
    return { kind, code: code.replace(/^RO/i, ''), name, category, due: amount(due, 'datorat'), paid: amount(paid, 'achitat') };
  });
}

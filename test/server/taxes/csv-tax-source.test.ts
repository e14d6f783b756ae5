import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { AppError } from '../../../engine/index.ts';
import { CsvTaxSituationSource } from '../../../server/taxes/csv-tax-source.ts';
import { TAX_CSV } from '../../support/server.ts';

describe('the CSV tax situation source', () => {
  let dir: string;
  before(async () => { dir = await mkdtemp(join(tmpdir(), 'dosar-taxe-')); });
  after(async () => { await rm(dir, { recursive: true, force: true }); });

  it('returns a taxpayer’s debts by category, what remains of each and the total, exact to the ban', async () => {
    const situation = await new CsvTaxSituationSource(TAX_CSV).situation({ kind: 'cnp', code: '2850612123451' });
    expect(situation).to.deep.equal({
      taxpayer: { kind: 'cnp', code: '2850612123451', name: 'Elena Popa' },
      debts: [
        { category: 'Impozit pe clădiri', due: 300, paid: 100, outstanding: 200, paidUp: false },
        { category: 'Impozit pe mijloace de transport', due: 250.1, paid: 0, outstanding: 250.1, paidUp: false },
      ],
      totalOutstanding: 450.1,
      paidUp: false,
    });
  });

  it('tells a company by its CUI from a person, and knows nobody it does not list', async () => {
    const source = new CsvTaxSituationSource(TAX_CSV);
    expect((await source.situation({ kind: 'cui', code: '18547290' }))!.paidUp).to.equal(true);
    expect(await source.situation({ kind: 'cnp', code: '18547290' })).to.equal(undefined);
    expect(await source.situation({ kind: 'cnp', code: '1901230400029' })).to.equal(undefined);
  });

  it('refuses a file with a wrong header or amount, naming the line', async () => {
    const file = join(dir, 'rau.csv');
    await writeFile(file, 'tip,cod,nume,categorie,datorat,achitat\ncnp,1800101400016,Maria,Teren,12;5,0\n');
    const err = await new CsvTaxSituationSource(file).situation({ kind: 'cnp', code: '1800101400016' }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(AppError);
    expect((err as AppError).message).to.contain('line 2').and.to.contain('datorat');
    await writeFile(file, 'cod,suma\n');
    expect(((await new CsvTaxSituationSource(file).situation({ kind: 'cnp', code: '1' }).catch((e: unknown) => e)) as AppError).message).to.contain('header');
  });
});

import { expect } from 'chai';
import type { Database } from '../../../engine/index.ts';
import { upsertDossier, type Retention } from '../../../server/archive/archive-store.ts';
import { selectionReport } from '../../../server/archive/selection.ts';
import type { User } from '../../../server/auth/users.ts';
import { useTestDatabase } from '../../support/database.ts';

const now = new Date('2026-12-05T10:00:00Z');
const clerk: User = { id: '00000000-0000-4000-8000-000000000002', email: 'ana@primarie.ro', name: 'Ana', role: 'clerk', lang: 'ro', departments: ['taxe'] };

function dossier(db: Database, registerNumber: string, date: string, retention: Retention, department = 'taxe', status: 'open' | 'closed' = 'closed') {
  return db.transaction((tx) => upsertDossier(tx, { registerNumber, registerDate: date, nomenclatorCode: 'IV-3', retention, department, title: `Dosar ${registerNumber}`, parties: [], status, now }));
}

describe('archive selection report', () => {
  const t = useTestDatabase();

  describe('when retention terms run from the year after the dossier\'s', () => {
    it('lists a 10-year dossier of 2015 in 2026, and not one of 2016 (disposable from 2027)', async () => {
      await dossier(t.db, '1', '2015-06-01', 10);
      await dossier(t.db, '2', '2016-01-10', 10);
      const report = await selectionReport(t.db, 'cli', {}, now);
      expect(report.asOf).to.equal('2026-12-05');
      expect(report.dossiers.map((d) => [d.registerNumber, d.expiredFrom])).to.deep.equal([['1', 2026]]);
    });

    it('never lists permanent or still open dossiers', async () => {
      await dossier(t.db, '3', '1990-01-01', 'permanent');
      await dossier(t.db, '4', '1990-01-01', 5, 'taxe', 'open');
      expect((await selectionReport(t.db, 'cli', {}, now)).total).to.equal(0);
    });
  });

  describe('when a clerk asks', () => {
    it('shows only the dossiers of the clerk\'s departments, and deletes nothing', async () => {
      await dossier(t.db, '5', '2000-01-01', 5, 'taxe');
      await dossier(t.db, '6', '2000-01-01', 5, 'urbanism');
      const report = await selectionReport(t.db, clerk, {}, now);
      expect(report.dossiers.map((d) => d.registerNumber)).to.deep.equal(['5']);
      expect(await t.db.query('select count(*)::int as n from archive_dossiers')).to.deep.equal([{ n: 2 }]);
    });
  });
});

import { expect } from 'chai';
import { generateArchive } from '../../../server/archive/generate.ts';
import { readSearchInput, searchArchive } from '../../../server/archive/search.ts';
import type { User } from '../../../server/auth/users.ts';
import { useTestDatabase } from '../../support/database.ts';

const admin: User = { id: '00000000-0000-4000-8000-00000000000a', email: 'admin@primarie.ro', name: 'Admin', role: 'admin', lang: 'ro', departments: [] };

describe('archive generator', function () {
  this.timeout(120_000);
  const t = useTestDatabase();

  beforeEach(async () => {
    await t.db.query("insert into users (id, email, name, role, created_at) values ($1, $2, 'Admin', 'admin', now())", [admin.id, admin.email]);
  });

  it('writes the dossiers asked for, with documents, pages and OCR-noised scans', async () => {
    const result = await generateArchive(t.db, { dossiers: 60, seed: 7, now: new Date() });
    const [counts] = await t.db.query<{ dossiers: number; documents: number; pages: number; ocr: number; cedilla: number }>(
      `select (select count(*)::int from archive_dossiers) as dossiers, (select count(*)::int from archive_documents) as documents,
        (select count(*)::int from archive_pages) as pages, (select count(*)::int from archive_documents where text_source = 'ocr') as ocr,
        (select count(*)::int from archive_pages where body ~ '[şţ]') as cedilla`);
    expect(counts!.dossiers).to.equal(60);
    expect(counts!.documents).to.equal(result.documents).and.be.above(60);
    expect(counts!.pages).to.equal(result.pages);
    expect(counts!.ocr).to.be.above(0);
    expect(counts!.cedilla).to.be.above(0);
  });

  it('continues the register numbers of an earlier run instead of colliding with them', async () => {
    await generateArchive(t.db, { dossiers: 5, now: new Date() });
    await generateArchive(t.db, { dossiers: 5, now: new Date() });
    const numbers = await t.db.query<{ n: string }>('select register_number as n from archive_dossiers order by register_number::int');
    expect(numbers.map((r) => r.n)).to.deep.equal(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
  });

  it('makes a corpus the search finds names in, written without diacritics', async () => {
    await generateArchive(t.db, { dossiers: 40, seed: 3, now: new Date() });
    const [party] = await t.db.query<{ name: string }>("select parties[1] as name from archive_dossiers where parties[1] ~ '[ăâîșțşţ]' limit 1");
    const plain = party!.name.normalize('NFD').replace(/\p{M}/gu, '');
    const answer = await searchArchive(t.db, admin, readSearchInput({ q: plain }), new Date());
    expect(answer.total).to.be.above(0);
  });
});

import { expect } from 'chai';
import type { Database } from '../../../engine/index.ts';
import type { User } from '../../../server/auth/users.ts';
import { insertDocument, upsertDossier, type DocumentKind } from '../../../server/archive/archive-store.ts';
import { readSearchInput, searchArchive, snippetHtml, type SearchAnswer } from '../../../server/archive/search.ts';
import { useTestDatabase } from '../../support/database.ts';

const now = new Date('2026-12-05T10:00:00Z');
let serial = 0;

/** One dossier with one document of one page. */
async function archive(db: Database, d: { year: number; department: string; kind: DocumentKind; title: string; text: string; parties?: string[]; public?: boolean; register?: string }): Promise<string> {
  return db.transaction(async (tx) => {
    const { id } = await upsertDossier(tx, { registerNumber: d.register ?? String(++serial), registerDate: `${d.year}-05-10`, nomenclatorCode: 'II-3', retention: 10, department: d.department, title: d.title, parties: d.parties ?? [], public: d.public ?? false, now });
    const doc = await insertDocument(tx, { dossierId: id, kind: d.kind, title: d.title, mediaType: 'application/pdf', fileName: 'scan.pdf', bytes: 10, sha256: (++serial).toString(16).padStart(64, '0'), storageKey: null, textSource: 'pdf', pages: ['Pagina de gardă a dosarului.', d.text], now });
    return doc.id;
  });
}

const admin: User = { id: '00000000-0000-4000-8000-000000000001', email: 'admin@primarie.ro', name: 'Admin', role: 'admin', lang: 'ro', departments: [] };
const urbanism: User = { ...admin, id: '00000000-0000-4000-8000-000000000002', email: 'ana@primarie.ro', role: 'clerk', departments: ['urbanism'] };
const taxe: User = { ...admin, id: '00000000-0000-4000-8000-000000000003', email: 'dan@primarie.ro', role: 'clerk', departments: ['taxe'] };
const citizen: User = { ...admin, id: '00000000-0000-4000-8000-000000000004', email: 'maria@exemplu.ro', role: 'citizen' };

describe('archive search', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  const ids: Record<string, string> = {};

  beforeEach(async () => {
    for (const u of [admin, urbanism, taxe, citizen]) {
      await t.db.query("insert into users (id, email, name, role, created_at) values ($1, $2, $3, $4, now())", [u.id, u.email, u.name, u.role]);
    }
    ids.autorizatie = await archive(t.db, { year: 1998, department: 'urbanism', kind: 'autorizatie', title: 'Autorizație de construire', text: 'Se autorizează domnul Ştefan Ţepeş să construiască o locuință pe strada Mihai Eminescu nr. 12.', parties: ['Ştefan Ţepeş'], register: '1234' });
    ids.certificat = await archive(t.db, { year: 2003, department: 'urbanism', kind: 'certificat', title: 'Certificat de urbanism', text: 'Certificatul de urbanism pentru imobilul din strada Mihai Eminescu, proprietar Ioana Popescu.', parties: ['Ioana Popescu'] });
    ids.ocr = await archive(t.db, { year: 2003, department: 'urbanism', kind: 'autorizatie', title: 'Autorizație de demolare', text: 'Autorlzație de dcmolare pentru construcția din strada Avram lancu nr. 4.' });
    ids.taxe = await archive(t.db, { year: 2010, department: 'taxe', kind: 'adeverinta', title: 'Adeverință fiscală', text: 'Se adeverește că doamna Ioana Popescu nu are datorii la bugetul local.', parties: ['Ioana Popescu'] });
    ids.hotarare = await archive(t.db, { year: 2010, department: 'consiliu', kind: 'hotarare', title: 'Hotărârea Consiliului Local nr. 45', text: 'Consiliul local hotărăște modernizarea străzii Mihai Eminescu.', public: true });
  });

  const search = (user: User, query: Record<string, string>): Promise<SearchAnswer> => searchArchive(t.db, user, readSearchInput(query), now);
  const found = (a: SearchAnswer) => a.hits.map((h) => Object.entries(ids).find(([, id]) => id === h.documentId)?.[0]).sort();

  describe('when the query is written with or without diacritics', () => {
    it('finds the same documents for "Ștefan Țepeș" (comma), "Ştefan Ţepeş" (cedilla) and "stefan tepes"', async () => {
      for (const q of ['Ștefan Țepeș', 'Ştefan Ţepeş', 'stefan tepes', 'STEFAN TEPES']) {
        expect(found(await search(admin, { q })), q).to.deep.equal(['autorizatie']);
      }
    });

    it('finds Romanian inflections of a word ("locuinta" finds "locuință", "hotaraste" finds "hotărăște")', async () => {
      expect(found(await search(admin, { q: 'locuinta' }))).to.deep.equal(['autorizatie']);
      expect(found(await search(admin, { q: 'hotaraste' }))).to.deep.equal(['hotarare']);
    });
  });

  describe('when a word is misspelt or mangled by OCR', () => {
    it('finds "Eminescu" from "Eminesku" and says which words it also searched', async () => {
      const answer = await search(admin, { q: 'Eminesku' });
      expect(found(answer)).to.deep.equal(['autorizatie', 'certificat', 'hotarare']);
      expect(answer.terms[0]).to.include('eminescu');
    });

    it('finds a page whose OCR text reads "Autorlzație de dcmolare" from "autorizatie demolare"', async () => {
      expect(found(await search(admin, { q: 'autorizatie demolare' }))).to.deep.equal(['ocr']);
    });

    it('does not find anything for a word like none in the archive', async () => {
      expect((await search(admin, { q: 'xylofon' })).hits).to.deep.equal([]);
    });
  });

  describe('when filters are given', () => {
    it('keeps only the documents of that year, kind, department, register number or party', async () => {
      expect(found(await search(admin, { q: 'Eminescu', year: '2003' }))).to.deep.equal(['certificat']);
      expect(found(await search(admin, { q: 'Eminescu', kind: 'hotarare' }))).to.deep.equal(['hotarare']);
      expect(found(await search(admin, { q: 'Eminescu', department: 'urbanism' }))).to.deep.equal(['autorizatie', 'certificat']);
      expect(found(await search(admin, { registerNumber: '1234' }))).to.deep.equal(['autorizatie']);
      expect(found(await search(admin, { party: 'Ioana Popesku' }))).to.deep.equal(['certificat', 'taxe']);
    });

    it('matches a party by the parties\' names only, not by words of the dossier\'s title', async () => {
      expect(found(await search(admin, { party: 'Consiliul Local' }))).to.deep.equal([]);
      expect(found(await search(admin, { party: 'stefan tepes' }))).to.deep.equal(['autorizatie']);
    });

    it('keeps a party\'s documents of the year, kind and department asked for', async () => {
      expect(found(await search(admin, { party: 'Ioana Popescu', year: '2010' }))).to.deep.equal(['taxe']);
      expect(found(await search(admin, { party: 'Ioana Popescu', kind: 'certificat' }))).to.deep.equal(['certificat']);
      expect(found(await search(admin, { party: 'Ioana Popescu', department: 'urbanism' }))).to.deep.equal(['certificat']);
      expect(found(await search(admin, { party: 'Ioana Popescu', q: 'datorii', year: '2003' }))).to.deep.equal([]);
    });

    it('treats a filter value with quotes or backslashes as a value, never as query syntax', async () => {
      expect(found(await search(admin, { q: 'Eminescu', department: "urbanism' | '§public" }))).to.deep.equal([]);
      expect(found(await search(admin, { q: 'Eminescu', department: 'urbanism\\' }))).to.deep.equal([]);
    });

    it('counts the matching documents per year, kind and department', async () => {
      const answer = await search(admin, { q: 'Eminescu' });
      expect(answer.total).to.equal(3);
      expect(answer.facets.year).to.deep.equal([{ value: 2010, count: 1 }, { value: 2003, count: 1 }, { value: 1998, count: 1 }]);
      expect(answer.facets.department).to.deep.equal([{ value: 'urbanism', count: 2 }, { value: 'consiliu', count: 1 }]);
      expect(answer.facets.kind).to.have.deep.members([{ value: 'autorizatie', count: 1 }, { value: 'certificat', count: 1 }, { value: 'hotarare', count: 1 }]);
    });
  });

  describe('when a hit is shown', () => {
    it('names the page of the match and highlights the words in escaped HTML', async () => {
      const [hit] = (await search(admin, { q: 'stefan' })).hits;
      expect(hit!.page).to.equal(2);
      expect(hit!.snippetHtml).to.match(/<mark>Ştefan<\/mark>/);
    });

    it('escapes markup found in the text itself', () => {
      expect(snippetHtml('<script>alert(1)</script> \u0002Ion\u0003')).to.equal('&#60;script&#62;alert(1)&#60;/script&#62; <mark>Ion</mark>');
    });
  });

  describe('when who searches matters', () => {
    it('shows a clerk the dossiers of their departments and the public ones', async () => {
      expect(found(await search(urbanism, { q: 'Eminescu' }))).to.deep.equal(['autorizatie', 'certificat', 'hotarare']);
      expect(found(await search(urbanism, { q: 'Popescu' }))).to.deep.equal(['certificat']);
    });

    it('shows a clerk of another department nothing of urbanism, even by register number', async () => {
      expect(found(await search(taxe, { q: 'Ştefan' }))).to.deep.equal([]);
      expect(found(await search(taxe, { registerNumber: '1234' }))).to.deep.equal([]);
    });

    it('refuses a citizen', async () => {
      const refused = await search(citizen, { q: 'Eminescu' }).then(() => 'allowed', (err: { code?: string }) => err.code);
      expect(refused).to.equal('forbidden');
    });

    it('writes each search to the access log', async () => {
      await search(urbanism, { q: 'Eminescu', year: '2003' });
      const rows = await t.db.query<{ action: string; query: string }>('select action, query from archive_access_log where user_id = $1', [urbanism.id]);
      expect(rows).to.deep.equal([{ action: 'search', query: JSON.stringify({ q: 'Eminescu', year: 2003 }) }]);
    });
  });
});

import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { openDatabase } from '../../../engine/index.ts';
import { migrateDatabase } from '../../../server/store/migrate.ts';
import { useTestDatabase } from '../../support/database.ts';
import { insertDocument, upsertDossier, type DossierInput } from '../../../server/archive/archive-store.ts';
import { openArchiveFile, sweepArchiveFiles, writeArchiveFile } from '../../../server/archive/archive-files.ts';
import { ARCHIVE_KEY } from '../../../server/storage/file-store.ts';
import { LocalFileStore } from '../../../server/storage/local-file-store.ts';

const now = new Date('2026-12-05T10:00:00Z');
const dossier: DossierInput = { registerNumber: '1234', registerDate: '1998-03-14', nomenclatorCode: 'III-5', retention: 10, department: 'urbanism', title: 'Autorizație de construire, str. Mihai Eminescu nr. 3', parties: ['Ştefan Ţepeş'], now };
const sha = (c: string) => c.repeat(64);

describe('archive store', () => {
  const t = useTestDatabase();

  describe('when a dossier is written twice', () => {
    it('creates it once and reports the second write unchanged', async () => {
      const first = await t.db.transaction((tx) => upsertDossier(tx, dossier));
      const second = await t.db.transaction((tx) => upsertDossier(tx, dossier));
      expect(first.outcome).to.equal('created');
      expect(second).to.deep.equal({ id: first.id, outcome: 'unchanged' });
      const [row] = await t.db.query<{ year: number; retention_years: number; parties_fold: string }>('select year, retention_years, parties_fold from archive_dossiers');
      expect(row).to.deep.equal({ year: 1998, retention_years: 10, parties_fold: 'stefan tepes' });
    });

    it('updates its metadata and its pages\' copies when the input changed', async () => {
      const { id } = await t.db.transaction((tx) => upsertDossier(tx, dossier));
      await t.db.transaction((tx) => insertDocument(tx, { dossierId: id, kind: 'cerere', title: 'Cerere', mediaType: 'application/pdf', fileName: 'a.pdf', bytes: 10, sha256: sha('a'), storageKey: null, textSource: 'pdf', pages: ['text'], now }));
      const again = await t.db.transaction((tx) => upsertDossier(tx, { ...dossier, department: 'registratura', public: true, retention: 'permanent' }));
      expect(again).to.deep.equal({ id, outcome: 'updated' });
      expect(await t.db.query('select department, public from archive_pages')).to.deep.equal([{ department: 'registratura', public: true }]);
    });
  });

  describe('when a document is inserted', () => {
    it('stores its pages with their text indexed, and a re-run with the same import key changes nothing', async () => {
      const { id: dossierId } = await t.db.transaction((tx) => upsertDossier(tx, dossier));
      const doc = { dossierId, kind: 'autorizatie' as const, title: 'Autorizație de construire', mediaType: 'application/pdf', fileName: 'ac.pdf', bytes: 100, sha256: sha('b'), storageKey: null, textSource: 'pdf' as const, importKey: 'dosare/1234/ac.pdf', pages: ['Se autorizează construirea', 'Pagina a doua, semnătura primarului'], now };
      const first = await t.db.transaction((tx) => insertDocument(tx, doc));
      const second = await t.db.transaction((tx) => insertDocument(tx, doc));
      expect(first.outcome).to.equal('created');
      expect(second).to.deep.equal({ id: first.id, outcome: 'unchanged' });
      const pages = await t.db.query<{ page: number; year: number }>("select page, year from archive_pages where tsv @@ to_tsquery('archive_ro', 'semnatura') order by page");
      expect(pages).to.deep.equal([{ page: 2, year: 1998 }]);
    });

    it('replaces its pages when the same import key brings another file', async () => {
      const { id: dossierId } = await t.db.transaction((tx) => upsertDossier(tx, dossier));
      const doc = { dossierId, kind: 'cerere' as const, title: 'Cerere', mediaType: 'application/pdf', fileName: 'c.pdf', bytes: 1, sha256: sha('c'), storageKey: null, textSource: 'pdf' as const, importKey: 'k', pages: ['unu', 'doi'], now };
      const first = await t.db.transaction((tx) => insertDocument(tx, doc));
      const second = await t.db.transaction((tx) => insertDocument(tx, { ...doc, sha256: sha('d'), pages: ['trei'] }));
      expect(second).to.deep.equal({ id: first.id, outcome: 'updated' });
      expect(await t.db.query('select page, body from archive_pages')).to.deep.equal([{ page: 1, body: 'trei' }]);
    });

    it('leaves no row when its transaction fails', async () => {
      const { id: dossierId } = await t.db.transaction((tx) => upsertDossier(tx, dossier));
      const failing = t.db.transaction(async (tx) => {
        await insertDocument(tx, { dossierId, kind: 'cerere', title: 'Cerere', mediaType: 'application/pdf', fileName: 'c.pdf', bytes: 1, sha256: sha('e'), storageKey: null, textSource: 'pdf', pages: ['x'], now });
        throw new Error('crash');
      });
      expect(await failing.then(() => 'committed', (err: Error) => err.message)).to.equal('crash');
      expect(await t.db.query('select id from archive_documents')).to.deep.equal([]);
    });
  });

  describe('the folding used by search', () => {
    it('maps cedilla and comma-below letters and every Romanian diacritic to plain letters', async () => {
      const [row] = await t.db.query<{ f: string }>("select archive_fold('ŞşȘșŢţȚț ĂăÂâÎî') as f");
      expect(row!.f).to.equal('sssstttt aaaaii');
    });
  });
});

describe('the embedded database the server opens', function () {
  this.timeout(120_000);

  it('loads unaccent and pg_trgm, so the archive migrates and folds text', async () => {
    const db = await openDatabase({ dataDir: 'memory://' });
    try {
      await migrateDatabase(db);
      expect(await db.query("select archive_fold('Ţară') as f, similarity('popescu', 'popesku') > 0.4 as near")).to.deep.equal([{ f: 'tara', near: true }]);
    } finally {
      await db.close();
    }
  });
});

describe('archive files', () => {
  const t = useTestDatabase();

  it('keeps an old orphan that a writer stores again for a row not committed yet when the sweep runs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'arch-'));
    try {
      const store = new LocalFileStore(dir, ARCHIVE_KEY);
      const bytes = Buffer.from('%PDF-1.4 the same scan twice');
      const orphan = await t.db.transaction((tx) => writeArchiveFile(tx, store, bytes)); // its row never committed
      let written!: () => void;
      let commit!: () => void;
      const writtenAgain = new Promise<void>((resolve) => { written = resolve; });
      const committing = new Promise<void>((resolve) => { commit = resolve; });
      const writer = t.db.transaction(async (tx) => {
        const file = await writeArchiveFile(tx, store, bytes);
        written();
        await committing;
        const { id } = await upsertDossier(tx, dossier);
        await insertDocument(tx, { dossierId: id, kind: 'cerere', title: 'Cerere', mediaType: 'application/pdf', fileName: 'c.pdf', bytes: file.bytes, sha256: file.sha256, storageKey: file.storageKey, textSource: 'pdf', pages: ['text'], now });
      });
      await writtenAgain;
      const sweep = sweepArchiveFiles(t.db, store, new Date(Date.now() + 60_000)); // every file counts as old
      await new Promise((resolve) => setTimeout(resolve, 200)); // the sweep reaches the key (PostgreSQL) or waits for the connection (PGlite)
      commit();
      await writer;
      expect(await sweep).to.equal(0);
      expect((await readFile(join(dir, orphan.storageKey))).toString()).to.equal(bytes.toString());
      expect(await sweepArchiveFiles(t.db, store, new Date(Date.now() + 60_000))).to.equal(0);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('sweeps an old file that no document names', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'arch-'));
    try {
      const store = new LocalFileStore(dir, ARCHIVE_KEY);
      await t.db.transaction((tx) => writeArchiveFile(tx, store, Buffer.from('%PDF-1.4 never named')));
      expect(await sweepArchiveFiles(t.db, store, new Date(Date.now() - 60_000))).to.equal(0);
      expect(await sweepArchiveFiles(t.db, store, new Date(Date.now() + 60_000))).to.equal(1);
      expect(await readdir(dir, { recursive: true }).then((names) => names.filter((n) => n.includes('/')))).to.deep.equal([]);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('stores bytes under their SHA-256, at the path the archive folder always used, once for the same bytes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'arch-'));
    try {
      const store = new LocalFileStore(dir, ARCHIVE_KEY);
      const a = await t.db.transaction((tx) => writeArchiveFile(tx, store, Buffer.from('%PDF-1.4 test')));
      const b = await t.db.transaction((tx) => writeArchiveFile(tx, store, Buffer.from('%PDF-1.4 test')));
      expect(b).to.deep.equal(a);
      expect(a.storageKey).to.equal(`${a.sha256.slice(0, 2)}/${a.sha256}`);
      // a row written before the archive was a store names `<dir>/<2 hex>/<sha256>`: the same file
      expect((await readFile(join(dir, a.sha256.slice(0, 2), a.sha256))).toString()).to.equal('%PDF-1.4 test');
      expect((await readdir(join(dir, a.sha256.slice(0, 2)))).filter((n) => n !== a.sha256)).to.deep.equal([]);
      const listed: string[] = [];
      for await (const f of store.list()) listed.push(f.key);
      expect(listed).to.deep.equal([a.storageKey]);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('refuses a storage key that is a path, as not found', async () => {
    const store = new LocalFileStore('/data', ARCHIVE_KEY);
    let error: unknown;
    try { await openArchiveFile(store, '../../etc/passwd'); } catch (err) { error = err; }
    expect(error).to.have.property('code', 'not-found');
    await store.read('../../etc/passwd').then(() => expect.fail('read a path'), (err: Error) => expect(err.message).to.match(/Not a server-chosen file key/));
  });
});

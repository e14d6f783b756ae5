import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { archiveSink } from '../../../server/archive/import/archive-sink.ts';
import type { OcrTools } from '../../../server/archive/import/ocr.ts';
import { runImport } from '../../../server/archive/import/run-import.ts';
import { sweepOrphans } from '../../../server/ops/sweep-orphans.ts';
import type { FileStores } from '../../../server/storage/file-store.ts';
import { openStorage, storageFromEnv } from '../../../server/storage/open-storage.ts';
import { useTestDatabase } from '../../support/database.ts';
import { startTestS3, type TestS3 } from '../../support/s3-server.ts';
import { signInSession, startTestServer, type TestServer } from '../../support/server.ts';
import { dossier, makeFolder } from './import/import-folder.ts';
import { textPdf } from './import/make-files.ts';

const NO_OCR: OcrTools = { tesseract: false, pdftoppm: false, language: 'ron', note: 'off in this test' };
const quiet = () => ({ tick: () => undefined, finish: () => undefined });

describe('archive scans on S3 storage (DOSAR_STORAGE=s3)', function () {
  this.timeout(120_000);
  const t = useTestDatabase();
  let s3: TestS3;
  let s: TestServer;
  let files: FileStores;
  let local: string;
  let folder: string;
  const pdf = textPdf([['Autorizație de construire nr. 77'], ['Primar, semnătura']]);

  beforeEach(async () => {
    s3 = await startTestS3();
    local = await mkdtemp(join(tmpdir(), 'dosar-data-'));
    const { endpoint, bucket } = s3.settings;
    const env = { DOSAR_STORAGE: 's3', DOSAR_S3_BUCKET: bucket, DOSAR_S3_ENDPOINT: endpoint, DOSAR_S3_PATH_STYLE: '1', DOSAR_S3_ACCESS_KEY_ID: 'S3RVER', DOSAR_S3_SECRET_ACCESS_KEY: 'S3RVER', DOSAR_ARCHIVE_DIR: join(local, 'archive') };
    files = openStorage(storageFromEnv(env, { uploadsDir: join(local, 'uploads'), dataDir: local }));
    s = await startTestServer(t.db, undefined, { files });
    folder = await makeFolder([{ ...dossier('77/2015', { register_date: '2015-06-01', department: 'urbanism' }), document_kind: 'autorizatie', document_title: 'Autorizație de construire', file: 'scanari/ac.pdf' }], { 'scanari/ac.pdf': pdf });
  });
  afterEach(async () => {
    await s.close();
    await s3.close();
    await rm(local, { recursive: true, force: true });
    await rm(folder, { recursive: true, force: true });
  });

  const importFolder = () => runImport({ input: folder, sink: archiveSink(t.db, files.archive), jobs: 1, tools: NO_OCR, progress: quiet });
  const keysIn = async () => { const keys: string[] = []; for await (const f of files.archive.list()) keys.push(f.key); return keys; };
  const storedDocument = async () => (await t.db.query<{ id: string; storage_key: string }>('select id, storage_key from archive_documents'))[0]!;

  it('imports a scan into the bucket, serves it back through the API and the page, and keeps nothing in the local archive folder', async () => {
    // when a folder is imported, twice
    const first = await importFolder();
    const second = await importFolder();
    // then the scan is one object of the archive store, under the key its row names
    expect(first, JSON.stringify(first.refusedFiles)).to.include({ imported: 1, refused: 0 });
    expect(second).to.include({ imported: 0, unchanged: 1 });
    const doc = await storedDocument();
    expect(doc.storage_key).to.match(/^[0-9a-f]{2}\/[0-9a-f]{64}$/);
    expect(await keysIn()).to.deep.equal([doc.storage_key]);
    expect(await readdir(join(local, 'archive')).catch(() => [])).to.deep.equal([]);
    // when an admin downloads it through the API (the dossier names people: with a reason)
    const admin = await s.user('arhivar@primarie.ro', 'admin');
    const got = await fetch(`${s.base}/api/v1/archive/documents/${doc.id}/file?reason=${encodeURIComponent('Cererea 12/2026')}`, { headers: { authorization: `Bearer ${admin.token}` } });
    // then the bytes are the scan's, under its file name
    expect(got.status).to.equal(200);
    expect(got.headers.get('content-type')).to.contain('application/pdf');
    expect(got.headers.get('content-disposition')).to.contain('ac.pdf');
    expect(Buffer.from(await got.arrayBuffer()).equals(pdf)).to.equal(true);
    // and through the clerk's page, the same bytes
    const { page } = await signInSession(s, admin.email, admin.password);
    const viaPage = await page(`/lucru/arhiva/documente/${doc.id}/fisier?motiv=${encodeURIComponent('Cererea 12/2026')}`);
    expect(viaPage.status).to.equal(200);
    expect(Buffer.from(await viaPage.arrayBuffer()).equals(pdf)).to.equal(true);
  });

  it('answers 404, not 500, for a document whose object is gone, and logs no download', async () => {
    // given an imported scan whose object was deleted behind the server's back
    await importFolder();
    const doc = await storedDocument();
    await files.archive.delete(doc.storage_key);
    // then its download is not found
    const admin = await s.user('arhivar@primarie.ro', 'admin');
    expect((await s.api(`/api/v1/archive/documents/${doc.id}/file?reason=motiv`, { token: admin.token })).status).to.equal(404);
    expect(await t.db.query("select action from archive_access_log where action = 'download'")).to.deep.equal([]);
  });

  it('sweeps an archive object no document names once past the grace period, and keeps the named one', async () => {
    // given an imported scan, and an object written for a row that never committed
    await importFolder();
    const orphan = `ab/${'ab'.repeat(32)}`;
    await files.archive.write(orphan, Buffer.from('lost'));
    // when the sweep runs with a cut-off after both were written
    const swept = await sweepOrphans(s.ctx, { now: new Date(Date.now() + 60_000), olderThanMs: 0 });
    // then the orphan goes and the named scan stays
    expect(swept.archive).to.equal(1);
    expect(await keysIn()).to.deep.equal([(await storedDocument()).storage_key]);
  });
});

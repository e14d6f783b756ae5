import { execFile, spawn } from 'node:child_process';
import { access, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { openDatabase, type Database } from '../../../../engine/index.ts';
import { EXIT_SOME_REFUSED } from '../../../../server/cli/archive-import.ts';
import { openStorage } from '../../../../server/storage/open-storage.ts';
import { startTestS3 } from '../../../support/s3-server.ts';
import { useInstallation } from '../../../support/installation.ts';
import { dossier, makeFolder } from './import-folder.ts';
import { encryptedPdf, textPdf } from './make-files.ts';

const bin = fileURLToPath(new URL('../../../../bin/dosar.js', import.meta.url));

interface Result { code: number; stdout: string; stderr: string }

/** `dosar archive import` as an operator runs it: a separate process per run, on both databases. */
describe('dosar archive import', function () {
  this.timeout(300_000);
  const installation = useInstallation({ DOSAR_OCR: 'off', DOSAR_PROGRESS_MS: '1' }, { migrated: true });
  const folders: string[] = [];
  after(async () => { for (const f of folders) await rm(f, { recursive: true, force: true }); });

  function dosar(...args: string[]): Promise<Result> {
    return dosarWith({}, ...args);
  }

  function dosarWith(env: NodeJS.ProcessEnv, ...args: string[]): Promise<Result> {
    return new Promise((resolve) => {
      execFile(process.execPath, [bin, ...args], { env: { ...installation.env, ...env }, cwd: installation.dir }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
    });
  }

  async function folder(...args: Parameters<typeof makeFolder>): Promise<string> {
    const f = await makeFolder(...args);
    folders.push(f);
    return f;
  }

  /** The installation's database, opened once no child process holds it. */
  async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
    const env = installation.env;
    const db = env.DATABASE_URL ? await openDatabase({ url: env.DATABASE_URL, schema: env.DOSAR_DB_SCHEMA! }) : await openDatabase({ dataDir: env.DOSAR_DATA_DIR! });
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  }

  describe('when every file is good', () => {
    it('prints one JSON summary, exits 0, and a second run finds everything unchanged', async () => {
      // given
      const dir = await folder([1, 2, 3].map((n) => ({ ...dossier(`${n}/2019`), document_kind: 'cerere', file: `dosare/${n}.pdf` })), Object.fromEntries([1, 2, 3].map((n) => [`dosare/${n}.pdf`, textPdf([[`Cerere ${n}`], ['Anexa']])])));
      // when
      const first = await dosar('archive', 'import', dir, '--json', '--jobs', '1');
      const second = await dosar('archive', 'import', dir, '--json');
      // then
      expect(first.code, first.stderr).to.equal(0);
      expect(first.stdout.trim().split('\n')).to.have.length(1);
      expect(JSON.parse(first.stdout)).to.include({ files: 3, imported: 3, unchanged: 0, refused: 0, pages: 6, jobs: 1 });
      expect(first.stderr).to.match(/archive import: 3\/3 files, [\d.]+ docs\/s/);
      expect(second.code).to.equal(0);
      expect(JSON.parse(second.stdout)).to.include({ imported: 0, unchanged: 3, refused: 0 });
    });
  });

  describe('when DOSAR_STORAGE is s3', () => {
    it('writes the scans to the bucket the server reads, not to the local archive folder', async () => {
      // given a local S3-compatible server and a folder of one file
      const s3 = await startTestS3();
      try {
        const { endpoint, bucket } = s3.settings;
        const env = { DOSAR_STORAGE: 's3', DOSAR_S3_BUCKET: bucket, DOSAR_S3_ENDPOINT: endpoint ?? '', DOSAR_S3_PATH_STYLE: '1', DOSAR_S3_ACCESS_KEY_ID: 'S3RVER', DOSAR_S3_SECRET_ACCESS_KEY: 'S3RVER' };
        const dir = await folder([{ ...dossier('400/2017'), document_kind: 'cerere', file: 's3/a.pdf' }], { 's3/a.pdf': textPdf([['Cerere pe S3']]) });
        // when it is imported by the command
        const r = await dosarWith(env, 'archive', 'import', dir, '--json');
        // then its row names an object of the archive's store, and no local file
        expect(r.code, r.stderr).to.equal(0);
        expect(JSON.parse(r.stdout)).to.include({ imported: 1, refused: 0 });
        const key = await withDatabase(async (db) => (await db.query<{ storage_key: string }>('select storage_key from archive_documents where import_key like $1', [`${dir}/s3/%`]))[0]!.storage_key);
        const listed: string[] = [];
        for await (const f of openStorage({ kind: 's3', ...s3.settings }).archive.list()) listed.push(f.key);
        expect(listed).to.deep.equal([key]);
        const archiveDir = join(installation.env.DOSAR_DATA_DIR!, 'archive');
        expect(await access(join(archiveDir, key.slice(0, 2), key.slice(3))).then(() => 'there', () => 'absent')).to.equal('absent');
      } finally {
        await s3.close();
      }
    });
  });

  describe('when some files are refused', () => {
    it('imports the rest, exits 2 and writes the report of refused files', async () => {
      // given
      const dir = await folder([
        { ...dossier('10/2019'), file: 'bun.pdf' },
        { ...dossier('11/2019'), file: 'parola.pdf' },
        { ...dossier('12/2019'), file: 'lipsa.pdf' },
      ], { 'bun.pdf': textPdf([['bun']]), 'parola.pdf': encryptedPdf() });
      const report = join(dir, '..', `${dir.split('/').pop()}-refuzate.csv`);
      folders.push(report);
      // when
      const r = await dosar('archive', 'import', join(dir, 'metadata.csv'), '--report', report);
      // then
      expect(r.code, r.stderr).to.equal(EXIT_SOME_REFUSED).and.equal(2);
      expect(r.stdout).to.match(/^imported 1, unchanged 0, refused 2 in [\d.]+ s/);
      expect(r.stdout).to.include('refused parola.pdf (line 3): pdf-encrypted');
      expect((await readFile(report, 'utf8')).split('\r\n')).to.deep.equal([
        '\uFEFFfile,line,reason,message', 'parola.pdf,3,pdf-encrypted,the PDF is protected by a password', 'lipsa.pdf,4,file-missing,no such file in the folder', '',
      ]);
    });
  });

  describe('when it is used wrongly', () => {
    for (const [what, args, message] of [
      ['no folder', ['archive', 'import'], 'Usage: dosar archive import'],
      ['no action', ['archive'], 'Usage: dosar archive import'],
      ['a folder that does not exist', ['archive', 'import', '/nu/exista'], 'does not exist'],
      ['a bad --jobs', ['archive', 'import', '.', '--jobs', 'toate'], '--jobs must be a whole number'],
    ] as const) {
      it(`says so for ${what}, exits 1 and prints no stack trace`, async () => {
        const r = await dosar(...args);
        expect(r.code).to.equal(1);
        expect(r.stdout).to.equal('');
        expect(r.stderr).to.include(message);
        expect(r.stderr).not.to.match(/\n\s+at /);
      });
    }

    it('refuses a CSV without the required columns', async () => {
      const dir = await folder([], {});
      await writeFile(join(dir, 'metadata.csv'), 'register_number,file\n1,a.pdf\n');
      const r = await dosar('archive', 'import', dir, '--json');
      expect(r.code).to.equal(1);
      expect(JSON.parse(r.stderr).error).to.include({ code: 'bad-input' });
      expect(JSON.parse(r.stderr).error.message).to.include('lacks register_date');
    });
  });

  describe('when the import is killed midway', () => {
    it('resumes on the next run with every document whole and none twice', async () => {
      // given: enough files that the process is still importing when it is killed
      const count = 60;
      const dir = await folder(
        Array.from({ length: count }, (_, i) => ({ ...dossier(`${100 + (i % 20)}/2018`, { register_date: '2018-02-01' }), document_kind: 'certificat', file: `k/${i}.pdf` })),
        Object.fromEntries(Array.from({ length: count }, (_, i) => [`k/${i}.pdf`, textPdf([[`Certificat ${i}`], ['pagina 2'], ['pagina 3']])])),
      );
      // when: SIGKILL once some files are in, then a run to the end
      const child = spawn(process.execPath, [bin, 'archive', 'import', dir, '--jobs', '1'], { env: installation.env, cwd: installation.dir, stdio: ['ignore', 'ignore', 'pipe'] });
      let killedAt = -1;
      await new Promise<void>((resolve) => {
        child.stderr.on('data', (chunk: Buffer) => {
          const done = [...chunk.toString().matchAll(/(\d+)\/\d+ files/g)].map((m) => Number(m[1])).pop();
          if (killedAt < 0 && done !== undefined && done >= 5) { killedAt = done; child.kill('SIGKILL'); }
        });
        child.on('exit', () => resolve());
      });
      const resumed = await dosar('archive', 'import', dir, '--json');
      const again = await dosar('archive', 'import', dir, '--json');
      // then
      expect(killedAt, 'killed before the end').to.be.within(5, count - 1);
      expect(resumed.code, resumed.stderr).to.equal(0);
      const summary = JSON.parse(resumed.stdout);
      expect(summary.imported + summary.unchanged).to.equal(count);
      expect(summary.unchanged).to.be.at.least(killedAt);
      expect(JSON.parse(again.stdout)).to.include({ imported: 0, unchanged: count });
      await withDatabase(async (db) => {
        const [docs] = await db.query<{ n: number; files: string[] }>(`select count(*)::int as n, array_agg(storage_key) as files from archive_documents where import_key like $1`, [`${dir}/k/%`]);
        const [pages] = await db.query<{ n: number }>('select count(*)::int as n from archive_pages p join archive_documents d on d.id = p.document_id where d.import_key like $1', [`${dir}/k/%`]);
        expect(docs!.n).to.equal(count);
        expect(pages!.n).to.equal(3 * count);
        const archiveDir = join(installation.env.DOSAR_DATA_DIR!, 'archive');
        for (const key of docs!.files) await access(join(archiveDir, key.slice(0, 2), key.slice(3)));
      });
    });
  });
});

import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import pg from 'pg';
import { openDatabase } from '../../../engine/index.ts';
import { PETITION, SAMPLE_PDF } from '../../support/petition.ts';
import { createInstallation, killAllServerProcesses, postgresConfigured, type Installation } from '../../support/server-process.ts';
import { signInSession, type TestServer } from '../../support/server.ts';

const run = promisify(execFile);

/**
 * The README's backup and restore, done as an operator would: pg_dump of the database and a tar of
 * the file store while Dosar runs, then an empty database, pg_restore, the files unpacked, and a
 * new `npm start` process on them. The test database holds other tests' schemas, so the dump takes
 * the installation's schema and the extensions it uses (`-n`, `-e`) where the README's takes all.
 */
describe('backup and restore (README: Backups, Restore)', function () {
  this.timeout(240_000);
  let inst: Installation;
  let work: string;
  let restored: string | undefined;

  before(async function () {
    if (!postgresConfigured()) {
      console.log('    skipped: pg_dump and pg_restore need PostgreSQL (set DATABASE_URL)');
      this.skip();
    }
    inst = await createInstallation();
    work = await mkdtemp(join(tmpdir(), 'dosar-restore-'));
  });

  after(async () => {
    killAllServerProcesses();
    if (restored) {
      const admin = new pg.Client({ connectionString: inst.url });
      await admin.connect();
      await admin.query(`drop database if exists "${restored}" with (force)`);
      await admin.end();
    }
    await inst?.destroy();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const submit = async (base: string, token: string, subject: string) => {
    const form = new FormData();
    form.set('data', JSON.stringify({ ...PETITION, subiect: subject }));
    form.set('anexe', new Blob([SAMPLE_PDF], { type: 'application/pdf' }), 'stalp.pdf');
    const res = await fetch(`${base}/api/v1/procedures/petitie/requests`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const body = await res.json() as { id: string; registrationNumber: string };
    expect(res.status, JSON.stringify(body)).to.equal(201);
    return body;
  };
  const numberOf = (registrationNumber: string) => Number(/^\d+/.exec(registrationNumber)![0]);

  it('brings back a request, its number and its attachment byte for byte, and the next request takes the next number', async () => {
    // given a running installation with a petition and its attachment
    const original = await inst.start();
    const citizen = await inst.account('maria@exemplu.ro', 'citizen');
    const first = await submit(original.base, citizen.token, 'Stâlp căzut pe trotuar');

    // when it is backed up, the database first, then the files, while it runs
    const dump = join(work, 'dosar.dump');
    const files = join(work, 'dosar-files.tgz');
    await run('pg_dump', ['-Fc', '-d', inst.url, '-n', inst.schema, '-e', 'pg_trgm', '-e', 'unaccent', '-f', dump]);
    await run('tar', ['-C', inst.dir, '-czf', files, '.']); // its data folder and its uploads folder
    await original.stop();

    // and restored into an empty database and folder, then served by a new process
    restored = `dosar_restored_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    const admin = new pg.Client({ connectionString: inst.url });
    await admin.connect();
    await admin.query(`create database "${restored}"`);
    await admin.end();
    const url = new URL(inst.url);
    url.pathname = `/${restored}`;
    await run('pg_restore', ['--no-owner', '--exit-on-error', '-d', url.href, dump]);
    const folder = join(work, 'restored');
    await mkdir(folder);
    await run('tar', ['-C', folder, '-xzf', files]);
    const again = await inst.start({ env: { DATABASE_URL: url.href, DOSAR_DATA_DIR: join(folder, 'data'), DOSAR_UPLOADS_DIR: join(folder, 'uploads') } });

    // then it is ready, and the request is there with its number, for the same citizen's token
    expect((await fetch(`${again.base}/health/ready`)).status).to.equal(200);
    const view = await fetch(`${again.base}/api/v1/requests/${first.id}`, { headers: { authorization: `Bearer ${citizen.token}` } });
    expect(view.status).to.equal(200);
    expect((await view.json() as { registrationNumber: string }).registrationNumber).to.equal(first.registrationNumber);
    // and its attachment downloads byte for byte
    const db = await openDatabase({ url: url.href, schema: inst.schema });
    try {
      const [row] = await db.query<{ data: { anexe: Array<{ id: string }> } }>('select data from requests where id = $1', [first.id]);
      const session = await signInSession({ base: again.base } as TestServer, citizen.email, citizen.password);
      const file = await session.page(`/cereri/${first.id}/fisiere/${row!.data.anexe[0]!.id}`);
      expect(file.status).to.equal(200);
      expect(Buffer.from(await file.arrayBuffer()).equals(SAMPLE_PDF)).to.equal(true);
    } finally {
      await db.close();
    }
    // and the next petition takes the next number, with no gap and no repeat
    const next = await submit(again.base, citizen.token, 'După restaurare');
    expect(numberOf(next.registrationNumber)).to.equal(numberOf(first.registrationNumber) + 1);
    await again.stop();
  });
});

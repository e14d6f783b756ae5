import { readdir } from 'node:fs/promises';
import { expect } from 'chai';
import { openStorage } from '../../../server/storage/open-storage.ts';
import { sweepOrphans } from '../../../server/ops/sweep-orphans.ts';
import { useTestDatabase } from '../../support/database.ts';
import { PETITION, SAMPLE_PDF as PDF } from '../../support/petition.ts';
import { startTestS3, type TestS3 } from '../../support/s3-server.ts';
import { signInSession, startTestServer, type TestServer } from '../../support/server.ts';

describe('uploads on S3 storage, through the HTTP app', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s3: TestS3;
  let s: TestServer;

  beforeEach(async () => {
    s3 = await startTestS3();
    s = await startTestServer(t.db, undefined, { files: openStorage({ kind: 's3', ...s3.settings }) });
  });
  afterEach(async () => { await s.close(); await s3.close(); });

  const keysIn = async () => { const keys: string[] = []; for await (const f of s.ctx.files.uploads.list()) keys.push(f.key); return keys; };

  it('keeps an uploaded file in the bucket and serves it back byte for byte', async () => {
    // given a citizen who uploads a PDF and submits a petition naming it
    const maria = await s.user('maria@exemplu.ro', 'citizen');
    const form = new FormData();
    form.set('anexe', new Blob([PDF], { type: 'application/pdf' }), 'act.pdf');
    const uploaded = await s.api('/api/v1/procedures/petitie/uploads', { token: maria.token, body: form });
    expect(uploaded.status, JSON.stringify(uploaded.body)).to.equal(201);
    const record = uploaded.body.uploads.anexe[0];
    const submitted = await s.api('/api/v1/procedures/petitie/requests', { token: maria.token, body: { ...PETITION, anexe: [record] } });
    expect(submitted.status, JSON.stringify(submitted.body)).to.equal(201);
    // then the file is in the bucket under the row's server-chosen name, and not kept in the local folder
    const [row] = await t.db.query<{ stored_name: string }>('select stored_name from uploads where id = $1', [record.id]);
    expect(await keysIn()).to.deep.equal([row!.stored_name]);
    expect((await readdir(s.ctx.config.uploadsDir)).filter((n) => !n.startsWith('.'))).to.deep.equal([]);
    // when she downloads it through the request's page
    const { page } = await signInSession(s, maria.email, maria.password);
    const got = await page(`/cereri/${submitted.body.id}/fisiere/${record.id}`);
    // then the bytes are the ones sent
    expect(got.status).to.equal(200);
    expect(got.headers.get('content-type')).to.contain('application/pdf');
    expect(Buffer.from(await got.arrayBuffer()).equals(Buffer.from(PDF))).to.equal(true);
  });

  it('answers 404, not 500, for a row whose file is gone from the bucket', async () => {
    // given an attached upload whose object was deleted behind the server's back
    const maria = await s.user('maria@exemplu.ro', 'citizen');
    const form = new FormData();
    form.set('anexe', new Blob([PDF], { type: 'application/pdf' }), 'act.pdf');
    const record = (await s.api('/api/v1/procedures/petitie/uploads', { token: maria.token, body: form })).body.uploads.anexe[0];
    const submitted = (await s.api('/api/v1/procedures/petitie/requests', { token: maria.token, body: { ...PETITION, anexe: [record] } })).body;
    for (const key of await keysIn()) await s.ctx.files.uploads.delete(key);
    // then its download is not found
    const { page } = await signInSession(s, maria.email, maria.password);
    expect((await page(`/cereri/${submitted.id}/fisiere/${record.id}`)).status).to.equal(404);
  });

  it('sweeps an object that no row names once past the grace period, and keeps named ones', async () => {
    // given an attached upload, and an object written for a row that never committed
    const maria = await s.user('maria@exemplu.ro', 'citizen');
    const form = new FormData();
    form.set('anexe', new Blob([PDF], { type: 'application/pdf' }), 'act.pdf');
    const record = (await s.api('/api/v1/procedures/petitie/uploads', { token: maria.token, body: form })).body.uploads.anexe[0];
    await s.api('/api/v1/procedures/petitie/requests', { token: maria.token, body: { ...PETITION, anexe: [record] } });
    const orphan = `${'ab'.repeat(16)}.pdf`;
    await s.ctx.files.uploads.write(orphan, Buffer.from('lost'));
    // when the sweep runs with a cut-off after both were written (now + 1 minute, grace 0)
    const swept = await sweepOrphans(s.ctx, { now: new Date(Date.now() + 60_000), olderThanMs: 0 });
    // then the orphan goes and the named file stays
    expect(swept.files).to.equal(1);
    const [row] = await t.db.query<{ stored_name: string }>('select stored_name from uploads where id = $1', [record.id]);
    expect(await keysIn()).to.deep.equal([row!.stored_name]);
  });
});

import { expect } from 'chai';
import { archiveEndedRequests } from '../../../server/archive/archive-requests.ts';
import { readSearchInput, searchArchive } from '../../../server/archive/search.ts';
import { useTestDatabase } from '../../support/database.ts';
import { PETITION, SAMPLE_PDF } from '../../support/petition.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

describe('archiving ended requests', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;

  beforeEach(async () => { s = await startTestServer(t.db); });
  afterEach(async () => { await s.close(); });

  /** A petition with a file, by a citizen named Ștefan Țepeș. */
  async function petition(): Promise<{ id: string; instanceId: string; registrationNumber: string }> {
    const citizen = await s.user('stefan@exemplu.ro', 'citizen');
    await t.db.query("update users set name = 'Ștefan Țepeș' where id = $1", [citizen.id]);
    const form = new FormData();
    form.set('data', JSON.stringify(PETITION));
    form.set('anexe', new Blob([SAMPLE_PDF], { type: 'application/pdf' }), 'stalp.pdf');
    const res = await s.api('/api/v1/procedures/petitie/requests', { token: citizen.token, body: form });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const [row] = await t.db.query<{ instance_id: string }>('select instance_id from requests where id = $1', [res.body.id]);
    return { id: res.body.id, instanceId: row!.instance_id, registrationNumber: res.body.registrationNumber };
  }

  it('leaves a request whose process is still running out of the archive', async () => {
    await petition();
    expect(await archiveEndedRequests(s.ctx)).to.deep.equal({ archived: 0 });
  });

  it('files an ended request as a dossier with its form and its files, once, searchable like the old ones', async () => {
    const request = await petition();
    await s.ctx.engine.terminate(request.instanceId, 'retrasă de petent');
    expect(await archiveEndedRequests(s.ctx)).to.deep.equal({ archived: 1 });
    expect(await archiveEndedRequests(s.ctx)).to.deep.equal({ archived: 0 });
    const [dossier] = await t.db.query<{ register_number: string; nomenclator_code: string; retention_years: number; department: string; parties: string[] }>(
      'select register_number, nomenclator_code, retention_years, department, parties from archive_dossiers where source_request_id = $1', [request.id]);
    expect(dossier).to.deep.equal({ register_number: request.registrationNumber, nomenclator_code: 'I-4', retention_years: 5, department: 'registratura', parties: ['Ștefan Țepeș'] });
    const docs = await t.db.query<{ kind: string; text_source: string; storage_key: string | null }>('select kind, text_source, storage_key from archive_documents order by kind');
    expect(docs.map((d) => [d.kind, d.text_source])).to.deep.equal([['altul', 'none'], ['cerere', 'native']]);
    expect(docs.every((d) => d.storage_key !== null)).to.equal(true);
    const admin = await s.user('admin@primarie.ro', 'admin');
    const answer = await searchArchive(t.db, admin, readSearchInput({ q: 'stefan tepes' }), new Date());
    expect(answer.hits.map((h) => h.registerNumber)).to.deep.equal([request.registrationNumber]);
  });
});

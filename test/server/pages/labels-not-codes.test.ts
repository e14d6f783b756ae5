import { expect } from 'chai';
import { useTestDatabase } from '../../support/database.ts';
import { PETITION, SAMPLE_PDF } from '../../support/petition.ts';
import { signInSession as signIn, startTestServer, type TestServer } from '../../support/server.ts';

/** What the request, queue and admin pages call things (issue 19, defect 11). */
describe('the pages show names, not codes', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;

  beforeEach(async () => { s = await startTestServer(t.db); });
  afterEach(async () => { await s.close(); });

  /** A petition with a PDF and an issued answer (with its hash). */
  async function petitionWithAnswer(token: string): Promise<string> {
    const form = new FormData();
    form.set('data', JSON.stringify(PETITION));
    form.set('anexe', new Blob([SAMPLE_PDF], { type: 'application/pdf' }), 'stalp.pdf');
    const res = await s.api('/api/v1/procedures/petitie/requests', { token, body: form });
    expect(res.status).to.equal(201);
    await t.db.query(
      `insert into documents (id, request_id, kind, title, register, reg_year, reg_number, registration_number, html, sha256, issued_at)
       values (gen_random_uuid(), $1, 'answer', 'Răspuns la petiție', 'iesiri', 2026, 1, '1/02.03.2026', '<p>Răspuns</p>', $2, now())`,
      [res.body.id, 'ab'.repeat(32)]);
    return res.body.id as string;
  }

  it('shows a citizen the file type by name and no document hash; staff still see the hash', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const clerk = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
    const id = await petitionWithAnswer(citizen.token);
    const mine = await (await (await signIn(s, citizen.email, citizen.password)).page(`/cereri/${id}`)).text();
    expect(mine).to.contain('stalp.pdf</a> (PDF)');
    expect(mine).not.to.contain('application/pdf');
    expect(mine).not.to.contain('SHA-256');
    const office = await (await (await signIn(s, clerk.email, clerk.password)).page(`/lucru/cereri/${id}`)).text();
    expect(office).to.contain('ab'.repeat(32));
  });

  it('names departments in the queue, in the reader\'s language', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const clerk = await s.user('ana@primarie.ro', 'clerk', ['registratura', 'urbanism']);
    await petitionWithAnswer(citizen.token);
    const session = await signIn(s, clerk.email, clerk.password);
    const ro = await (await session.page('/lucru?lang=ro')).text();
    expect(ro).to.contain('>Registratură</a>: 1');
    expect(ro).to.contain('<option value="urbanism">Urbanism</option>');
    expect(ro).not.to.match(/>registratura</);
    const en = await (await session.page('/lucru?lang=en')).text();
    expect(en).to.contain('>Registry office</a>: 1');
  });

  it('names roles and departments on the admin page, and still posts their codes', async () => {
    const admin = await s.user('admin@primarie.ro', 'admin');
    await s.user('ana@primarie.ro', 'clerk', ['registratura']);
    const html = await (await (await signIn(s, admin.email, admin.password)).page('/admin')).text();
    expect(html).to.contain('<td>Funcționar</td><td>Registratură</td>');
    expect(html).to.contain('<option value="clerk">Funcționar</option>');
    expect(html).not.to.match(/<td>(clerk|registratura) ?<\/td>/);
  });
});

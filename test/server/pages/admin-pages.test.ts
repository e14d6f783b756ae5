import { expect } from 'chai';
import { useTestDatabase } from '../../support/database.ts';
import { signInSession as signIn, startTestServer, type TestServer } from '../../support/server.ts';

describe('the admin pages', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;

  beforeEach(async () => { s = await startTestServer(t.db); });
  afterEach(async () => { await s.close(); });

  it('add an extra non-working day that moves legal due dates at once', async () => {
    const admin = await s.user('admin@primarie.ro', 'admin', ['registratura']);
    const session = await signIn(s, admin.email, admin.password);
    const saved = await session.post('/admin/zile', { lines: '2026-04-01;Zi liberă acordată prin HG (exemplu)', kind: 'non-working' });
    expect(saved.status).to.equal(200);
    expect(await saved.text()).to.contain('1 zi(le) salvate');
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const res = await s.api('/api/v1/procedures/petitie/requests', { token: citizen.token, body: {
      nume: 'Maria Ionescu', email: 'maria@exemplu.ro', adresa: { strada: 'Str. Lungă 7', localitate: 'Brașov' }, subiect: 'Iluminat public', continut: 'Iluminatul nu funcționează de două săptămâni.',
    } });
    expect(res.body.dueDate).to.equal('2026-04-02'); // 1 April is now off: the term ends on the next working day
  });

  it('create clerk accounts in departments, and refuse everyone but admins', async () => {
    const admin = await s.user('admin@primarie.ro', 'admin');
    const session = await signIn(s, admin.email, admin.password);
    const created = await session.post('/admin/utilizatori', { email: 'radu@primarie.ro', name: 'Radu Urbanism', role: 'clerk', password: 'parola-initiala-1', departments: 'urbanism' });
    expect(created.status).to.equal(200);
    const rows = await t.db.query<{ department: string }>("select d.department from user_departments d join users u on u.id = d.user_id where u.email = 'radu@primarie.ro'");
    expect(rows).to.deep.equal([{ department: 'urbanism' }]);
    const forged = await fetch(`${s.base}/admin/departamente`, { method: 'POST', headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ code: 'spatii-verzi', name_ro: 'Spații verzi' }) });
    expect(forged.status).to.equal(403); // no CSRF token
    const clerk = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
    const clerkSession = await signIn(s, clerk.email, clerk.password);
    expect((await clerkSession.page('/admin')).status).to.equal(403);
    expect((await fetch(`${s.base}/admin`, { redirect: 'manual' })).status).to.equal(303); // to the sign-in page
  });

  it('create an API token for an account, shown once, that works on the API', async () => {
    const admin = await s.user('admin@primarie.ro', 'admin');
    await s.user('ana@primarie.ro', 'clerk', ['registratura']);
    const session = await signIn(s, admin.email, admin.password);
    const page = await (await session.post('/admin/tokenuri', { email: 'ana@primarie.ro' })).text();
    const token = /<code id="new-token">(dosar_[A-Za-z0-9_-]{43})<\/code>/.exec(page)![1]!;
    expect((await s.api('/api/v1/tasks', { token })).status).to.equal(200);
    expect(await (await session.page('/admin')).text()).not.to.contain(token);
  });

  it('list tokens with their expiry and revoke one, which the API then refuses', async () => {
    // given
    const admin = await s.user('admin@primarie.ro', 'admin');
    await s.user('ana@primarie.ro', 'clerk', ['registratura']);
    const session = await signIn(s, admin.email, admin.password);
    const created = await (await session.post('/admin/tokenuri', { email: 'ana@primarie.ro', days: '7' })).text();
    const token = /<code id="new-token">(dosar_[A-Za-z0-9_-]{43})<\/code>/.exec(created)![1]!;
    expect(created).to.contain('valabil până la 09.03.2026');
    const [row] = await t.db.query<{ id: string }>("select t.id from api_tokens t join users u on u.id = t.user_id where u.email = 'ana@primarie.ro' order by t.created_at desc, t.expires_at asc limit 1");
    const listed = await (await session.page('/admin')).text();
    expect(listed).to.contain(`data-token-id="${row!.id}"`).and.to.contain(`/admin/tokenuri/${row!.id}/revocare`);
    // when
    const revoked = await session.post(`/admin/tokenuri/${row!.id}/revocare`, {});
    // then
    expect(revoked.status).to.equal(200);
    expect(await revoked.text()).to.contain('a fost revocat');
    expect((await s.api('/api/v1/tasks', { token })).status).to.equal(401);
    expect(await (await session.page('/admin')).text()).not.to.contain(`/admin/tokenuri/${row!.id}/revocare`);
  });

  it('do not revoke a token without the form\'s CSRF token, nor for a non-admin', async () => {
    const admin = await s.user('admin@primarie.ro', 'admin');
    const ana = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
    const [row] = await t.db.query<{ id: string }>('select id from api_tokens limit 1');
    const session = await signIn(s, admin.email, admin.password);
    const forged = await fetch(`${s.base}/admin/tokenuri/${row!.id}/revocare`, { method: 'POST', headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(forged.status).to.equal(403);
    const clerk = await signIn(s, ana.email, ana.password);
    expect((await clerk.post(`/admin/tokenuri/${row!.id}/revocare`, {})).status).to.equal(403);
    expect(await t.db.query('select 1 from api_tokens where revoked_at is not null')).to.deep.equal([]);
  });
});

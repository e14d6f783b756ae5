import { expect } from 'chai';
import { useTestDatabase } from '../../support/database.ts';
import { signInSession, startTestServer, type TestServer } from '../../support/server.ts';

const PERSONAL = ['Maria Ionescu', 'maria@exemplu.ro', 'Stâlpul nu luminează'];

describe('Open311 GeoReport v2 and the public list of reports', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;

  beforeEach(async () => { s = await startTestServer(t.db, '2026-12-02T09:00:00Z'); });
  afterEach(async () => { await s.close(); });

  const post = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${s.base}/open311/v2/requests.json`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields) });

  const LAMP = { service_code: 'iluminat', lat: '45.6427', long: '25.5887', address_string: 'Str. Lungă 7, Brașov', description: 'Stâlpul nu luminează de o săptămână.', first_name: 'Maria', last_name: 'Ionescu', email: 'maria@exemplu.ro' };

  it('lists each report category as a service, in Romanian or English', async () => {
    const ro = await (await fetch(`${s.base}/open311/v2/services.json`)).json() as Array<Record<string, unknown>>;
    expect(ro.map((x) => x.service_code)).to.deep.equal(['iluminat', 'drumuri', 'deseuri', 'spatii-verzi', 'altele']);
    expect(ro[0]).to.include({ service_name: 'Iluminat public', metadata: false, type: 'realtime' });
    const en = await (await fetch(`${s.base}/open311/v2/services.json?lang=en`)).json() as Array<Record<string, unknown>>;
    expect(en[2]).to.include({ service_code: 'deseuri', service_name: 'Waste and cleaning' });
  });

  it('files a report with a citizen token, numbered, due in 30 days and routed to the category department', async () => {
    const maria = await s.user('maria@exemplu.ro', 'citizen');
    const res = await post({ ...LAMP, api_key: maria.token });
    expect(res.status).to.equal(201);
    const [filed] = await res.json() as Array<{ service_request_id: string; service_notice: string }>;
    // registered Wed 2026-12-02: +30 = Fri 2027-01-01, a holiday, then the weekend -> Mon 2027-01-04
    expect(filed!.service_notice).to.match(/^Înregistrată cu nr\. \d+\/02\.12\.2026; răspuns până la 2027-01-04$/);
    const [row] = await t.db.query<{ data: Record<string, unknown>; groups: string[] }>(
      "select r.data, t.candidate_groups as groups from requests r join engine_tasks_v t on t.instance_id = r.instance_id where r.id = $1 and t.status = 'open'", [filed!.service_request_id]);
    expect(row!.data).to.deep.equal({ nume: 'Maria Ionescu', email: 'maria@exemplu.ro', categorie: 'iluminat', locatie: { adresa: 'Str. Lungă 7, Brașov', lat: 45.6427, lon: 25.5887 }, descriere: 'Stâlpul nu luminează de o săptămână.' });
    expect(row!.groups).to.deep.equal(['gospodarie-comunala']);
    const bearer = await post({ service_code: 'deseuri', lat: '45.64', long: '25.59', description: 'Containerele nu au fost golite.' }, { authorization: `Bearer ${maria.token}` });
    expect(bearer.status).to.equal(201);
  });

  it('refuses to file without a citizen token, and never on a session cookie alone', async () => {
    const none = await post(LAMP);
    expect(none.status).to.equal(401);
    expect((await none.json() as Array<{ code: number; description: string }>)[0]).to.include({ code: 401 });
    const clerk = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
    expect((await post({ ...LAMP, api_key: clerk.token })).status).to.equal(403);
    const maria = await s.user('maria@exemplu.ro', 'citizen');
    const session = await signInSession(s, maria.email, maria.password);
    expect((await post(LAMP, { cookie: session.cookie })).status).to.equal(401);
    expect(await t.db.query("select 1 from requests where procedure_key = 'sesizare'")).to.have.length(0);
  });

  it('answers bad reports with a coded Open311 error and files nothing', async () => {
    const maria = await s.user('maria@exemplu.ro', 'citizen');
    const cases: Array<[Record<string, string>, number, RegExp]> = [
      [{ ...LAMP, service_code: 'parcari' }, 400, /service_code "parcari"/],
      [{ ...LAMP, lat: '91' }, 400, /lat/],
      [{ service_code: 'iluminat', description: 'Fără loc indicat aici.' }, 400, /address_string/],
      [{ ...LAMP, description: 'scurt' }, 422, /descriere/],
    ];
    for (const [fields, status, message] of cases) {
      const res = await post({ ...fields, api_key: maria.token });
      expect(res.status, JSON.stringify(fields)).to.equal(status);
      const [error] = await res.json() as Array<{ code: number; description: string }>;
      expect(error!.code).to.equal(status);
      expect(error!.description).to.match(message);
    }
    expect(await t.db.query("select 1 from requests where procedure_key = 'sesizare'")).to.have.length(0);
  });

  it('shows reports to anyone with where, what and their status, and nothing personal', async () => {
    const maria = await s.user('maria@exemplu.ro', 'citizen');
    const [filed] = await (await post({ ...LAMP, api_key: maria.token })).json() as Array<{ service_request_id: string }>;
    await post({ service_code: 'deseuri', address_string: 'Parcul Central', description: 'Coșurile sunt pline de o săptămână.', api_key: maria.token });
    const list = await (await fetch(`${s.base}/open311/v2/requests.json`)).json() as Array<Record<string, unknown>>;
    expect(list).to.have.length(2);
    expect(list.find((r) => r.service_request_id === filed!.service_request_id)).to.deep.include({
      status: 'open', service_code: 'iluminat', service_name: 'Iluminat public', address: 'Str. Lungă 7, Brașov', lat: 45.6427, long: 25.5887, expected_datetime: '2027-01-04', agency_responsible: 'Gospodărie comunală (drumuri, iluminat)',
    });
    for (const text of PERSONAL) expect(JSON.stringify(list)).not.to.contain(text);
    const one = await (await fetch(`${s.base}/open311/v2/requests/${filed!.service_request_id}.json`)).json() as Array<Record<string, unknown>>;
    expect(one[0]!.service_code).to.equal('iluminat');
    expect((await (await fetch(`${s.base}/open311/v2/requests.json?service_code=deseuri`)).json() as unknown[]).length).to.equal(1);
    expect((await (await fetch(`${s.base}/open311/v2/requests.json?status=closed`)).json() as unknown[]).length).to.equal(0);
    expect((await fetch(`${s.base}/open311/v2/requests.json?service_request_id=x,y`)).status).to.equal(400);
    expect((await fetch(`${s.base}/open311/v2/requests/00000000-0000-4000-8000-000000000000.json`)).status).to.equal(404);
    const page = await (await fetch(`${s.base}/sesizari`)).text();
    expect(page).to.contain('Str. Lungă 7, Brașov').and.to.contain('Parcul Central').and.to.contain('Iluminat public');
    for (const text of PERSONAL) expect(page).not.to.contain(text);
  });

  it('marks a report closed once its answer is sent', async () => {
    const maria = await s.user('maria@exemplu.ro', 'citizen');
    const [filed] = await (await post({ ...LAMP, api_key: maria.token })).json() as Array<{ service_request_id: string }>;
    const admin = await s.user('admin@primarie.ro', 'admin', ['gospodarie-comunala', 'registratura']);
    for (const data of [{ rezultat: 'rezolvata', raspuns: 'Becul a fost înlocuit.' }, { semnatar: 'Ion Popescu' }]) {
      const [task] = await t.db.query<{ id: string }>("select t.id from engine_tasks_v t join requests r on r.instance_id = t.instance_id where r.id = $1 and t.status = 'open'", [filed!.service_request_id]);
      const done = await s.api(`/api/v1/tasks/${task!.id}/complete`, { token: admin.token, body: { data } });
      expect(done.status, JSON.stringify(done.body)).to.equal(200);
    }
    const [report] = await (await fetch(`${s.base}/open311/v2/requests/${filed!.service_request_id}.json`)).json() as Array<Record<string, unknown>>;
    expect(report!.status).to.equal('closed');
    expect(await (await fetch(`${s.base}/sesizari?stare=closed`)).text()).to.contain('Str. Lungă 7, Brașov');
  });

  it('loads the map and allows its tiles only where one is configured', async () => {
    const maria = await s.user('maria@exemplu.ro', 'citizen');
    await post({ ...LAMP, api_key: maria.token });
    const plain = await fetch(`${s.base}/sesizari`);
    expect(await plain.text()).not.to.contain('leaflet.js');
    s.ctx.config.map = { tiles: 'https://{s}.tile.example.org/{z}/{x}/{y}.png', attribution: '© Exemplu', center: [45.64, 25.59], zoom: 13 };
    const mapped = await fetch(`${s.base}/sesizari`);
    expect(mapped.headers.get('content-security-policy')).to.contain("img-src 'self' https://*.tile.example.org");
    const html = await mapped.text();
    expect(html).to.contain('/static/leaflet/leaflet.js').and.to.contain('data-report-lat="45.6427"');
    expect((await fetch(`${s.base}/static/leaflet/leaflet.js`)).status).to.equal(200);
  });
});

import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import { useTestDatabase } from '../../support/database.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

const fixture = (name: string) => readFile(new URL(`../../fixtures/dmn/${name}`, import.meta.url));

describe('deploying decision tables through the API', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;

  beforeEach(async () => { s = await startTestServer(t.db); });
  afterEach(async () => { await s.close(); });

  it('deploys an uploaded folder\'s .dmn with its model and lists the decisions deployed', async () => {
    const analyst = await s.user('elena@primarie.ro', 'analyst');
    const form = new FormData();
    form.append('files', new Blob([await fixture('calcul-taxa.bpmn')]), 'calcul-taxa.bpmn');
    form.append('files', new Blob([await fixture('taxa-certificat-urbanism.dmn')]), 'taxa-certificat-urbanism.dmn');
    const created = await s.api('/api/v1/definitions', { token: analyst.token, body: form });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(created.body.decisions.map((d: { key: string; version: number }) => `${d.key}@${d.version}`)).to.have.members(['taxaCertificatUrbanism@1', 'taxaCertificat@1']);
  });

  it('refuses a model whose decision is not deployed, and deploys it with the table in the JSON body', async () => {
    const analyst = await s.user('elena@primarie.ro', 'analyst');
    const refused = await s.api('/api/v1/definitions', { token: analyst.token, body: { xml: (await fixture('calcul-taxa.bpmn')).toString('utf8'), decisions: {} } });
    expect(refused.status).to.equal(422);
    expect(refused.body.error.problems.map((p: { code: string }) => p.code)).to.deep.equal(['decision-unknown']);
    const withTable = await s.api('/api/v1/definitions', { token: analyst.token, body: { xml: (await fixture('calcul-taxa.bpmn')).toString('utf8'), decisions: { taxe: (await fixture('taxa-certificat-urbanism.dmn')).toString('utf8') } } });
    expect(withTable.status).to.equal(201);
  });
});

describe('POST /decisions', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;

  beforeEach(async () => { s = await startTestServer(t.db); });
  afterEach(async () => { await s.close(); });

  it('deploys a DMN file alone as the next version of each decision, and refuses one that does not compile', async () => {
    const analyst = await s.user('elena@primarie.ro', 'analyst');
    const xml = (await fixture('taxa-certificat-urbanism.dmn')).toString('utf8');
    const deploy = (body: string) => s.api('/api/v1/decisions', { token: analyst.token, body, headers: { 'content-type': 'application/xml' } });
    await deploy(xml);
    const second = await deploy(xml);
    expect(second.status).to.equal(201);
    expect(second.body.decisions.map((d: { key: string; version: number }) => `${d.key}@${d.version}`)).to.deep.equal(['taxaCertificatUrbanism@2', 'taxaCertificat@2']);
    const refused = await deploy(xml.replace('<text>6</text>', '<text>6 +* 1</text>'));
    expect(refused.status).to.equal(422);
    expect(refused.body.error.code).to.equal('decision-invalid');
    expect(refused.body.error.problems[0]).to.include({ code: 'expression-invalid', elementId: 'pana150' });
  });
});

describe('reading deployed decisions (GET /decisions, GET /decisions/{key}/model)', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;

  beforeEach(async () => { s = await startTestServer(t.db); });
  afterEach(async () => { await s.close(); });

  it('lists each decision at its latest version and gives that version\'s DMN file, to analysts and admins only', async () => {
    const analyst = await s.user('elena@primarie.ro', 'analyst');
    const admin = await s.user('admin@primarie.ro', 'admin');
    const clerk = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    // given the built-in fee table of certificat-urbanism, deployed once more with a changed cell
    const first = await s.api('/api/v1/decisions/taxaCertificatUrbanismTeren/model', { token: analyst.token });
    expect(first.status).to.equal(200);
    expect(first.body).to.include({ key: 'taxaCertificatUrbanismTeren', version: 1 });
    const changed = (first.body.xml as string).replace('<text>6</text>', '<text>8</text>');
    const deployed = await s.api('/api/v1/decisions', { token: admin.token, body: changed, headers: { 'content-type': 'application/xml' } });
    expect(deployed.status).to.equal(201);

    // then the list shows version 2 with its name, and the model is the changed file
    const list = await s.api('/api/v1/decisions', { token: admin.token });
    expect(list.status).to.equal(200);
    const fee = list.body.decisions.find((d: { key: string }) => d.key === 'taxaCertificatUrbanismTeren');
    expect(fee).to.include({ version: 2, name: 'Taxa certificatului de urbanism după suprafața terenului', deployedBy: 'admin@primarie.ro' });
    expect(new Date(fee.deployedAt).toString()).not.to.equal('Invalid Date');
    expect(list.body.decisions.filter((d: { key: string }) => d.key === 'taxaCertificatUrbanismTeren')).to.have.length(1);
    const latest = await s.api('/api/v1/decisions/taxaCertificatUrbanismTeren/model', { token: analyst.token });
    expect(latest.body.version).to.equal(2);
    expect(latest.body.xml).to.contain('<text>8</text>');

    // and nobody else reads them
    expect((await s.api('/api/v1/decisions')).status).to.equal(401);
    expect((await s.api('/api/v1/decisions/taxaCertificatUrbanismTeren/model')).status).to.equal(401);
    for (const who of [clerk, citizen]) {
      expect((await s.api('/api/v1/decisions', { token: who.token })).status).to.equal(403);
      expect((await s.api('/api/v1/decisions/taxaCertificatUrbanismTeren/model', { token: who.token })).status).to.equal(403);
    }
  });

  it('answers 404 decision-not-found for a decision never deployed or a key that cannot be one', async () => {
    const analyst = await s.user('elena@primarie.ro', 'analyst');
    for (const key of ['nuExista', '1-nu-e-id', 'a b']) {
      const res = await s.api(`/api/v1/decisions/${encodeURIComponent(key)}/model`, { token: analyst.token });
      expect(res.status, key).to.equal(404);
      expect(res.body.error.code).to.equal('decision-not-found');
    }
  });
});

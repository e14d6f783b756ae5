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

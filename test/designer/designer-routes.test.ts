import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import { useTestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const tiny = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:dosar="http://dosar.ro/schema/bpmn" id="defs" targetNamespace="http://dosar.ro/procedures">
  <bpmn:process id="mica" name="Procedură mică" isExecutable="true">${body}</bpmn:process>
</bpmn:definitions>`;

const V1 = tiny(`
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="analiza" name="Analiză" dosar:candidateGroups="urbanism" />
    <bpmn:endEvent id="gata" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="analiza" />
    <bpmn:sequenceFlow id="f2" sourceRef="analiza" targetRef="gata" />`);

const V2 = tiny(`
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="analiza" name="Analiza dosarului" dosar:candidateGroups="registratura" dosar:legalTerm="10 working-days" />
    <bpmn:userTask id="aviz" name="Aviz" dosar:candidateGroups="urbanism" />
    <bpmn:endEvent id="final" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="analiza" />
    <bpmn:sequenceFlow id="f3" sourceRef="analiza" targetRef="aviz" />
    <bpmn:sequenceFlow id="f4" sourceRef="aviz" targetRef="final" />`);

const FORM = {
  type: 'object',
  title: 'Cerere',
  required: ['suprafata'],
  properties: {
    suprafata: { type: 'number', title: 'Suprafața (mp)', 'x-labels': { en: { title: 'Area (sq m)' } } },
    descriere: { type: 'string', title: 'Descriere', 'x-widget': 'textarea' },
  },
};

describe('the designer API', function () {
  this.timeout(30_000);
  const t = useTestDatabase();
  let s: TestServer;
  let analyst: { token: string };
  let clerk: { token: string };

  beforeEach(async () => {
    s = await startTestServer(t.db);
    analyst = await s.user('analist@primarie.ro', 'analyst');
    clerk = await s.user('ana@primarie.ro', 'clerk', ['urbanism']);
  });
  afterEach(async () => { await s?.close(); });

  describe('POST /api/v1/designer/forms/preview', () => {
    it('renders the form the way the portal does, in the language asked for', async () => {
      const ro = await s.api('/api/v1/designer/forms/preview', { token: analyst.token, body: { schema: FORM } });
      expect(ro.status).to.equal(200);
      expect(ro.body.problems).to.deep.equal([]);
      expect(ro.body.html).to.contain('<form').and.to.contain('Suprafața (mp)').and.to.contain('<textarea').and.to.contain('id="f-suprafata"');
      const en = await s.api('/api/v1/designer/forms/preview', { token: analyst.token, body: { schema: FORM, lang: 'en' } });
      expect(en.body.html).to.contain('Area (sq m)');
    });

    it('follows the UI schema', async () => {
      const uiSchema = { type: 'VerticalLayout', elements: [{ type: 'Control', scope: '#/properties/descriere' }] };
      const res = await s.api('/api/v1/designer/forms/preview', { token: analyst.token, body: { schema: FORM, uiSchema } });
      expect(res.body.html).to.contain('id="f-descriere"').and.not.to.contain('id="f-suprafata"');
    });

    it('lists what is wrong with a schema that does not compile, with the pointer, and renders nothing', async () => {
      const res = await s.api('/api/v1/designer/forms/preview', { token: analyst.token, body: { schema: { type: 'object', properties: { x: { type: 'numar' } } } } });
      expect(res.status).to.equal(200);
      expect(res.body.html).to.equal('');
      expect(res.body.problems).to.have.length(1);
      expect(res.body.problems[0].code).to.equal('form-invalid');
      expect(res.body.problems[0].message).to.match(/type/);
    });

    it('is for analysts only', async () => {
      expect((await s.api('/api/v1/designer/forms/preview', { token: clerk.token, body: { schema: FORM } })).status).to.equal(403);
      expect((await s.api('/api/v1/designer/forms/preview', { body: { schema: FORM } })).status).to.equal(401);
      expect((await s.api('/api/v1/designer/forms/preview', { token: analyst.token, body: { nothing: 1 } })).status).to.equal(400);
    });
  });

  describe('GET /api/v1/designer/procedures/:key/compare', () => {
    it('lists the elements and flows added, removed and changed between two versions', async () => {
      for (const xml of [V1, V2]) {
        const deployed = await s.api('/api/v1/definitions', { token: analyst.token, body: xml, headers: { 'content-type': 'application/xml' } });
        expect(deployed.status, JSON.stringify(deployed.body)).to.equal(201);
      }
      const res = await s.api('/api/v1/designer/procedures/mica/compare?from=1&to=2', { token: analyst.token });
      expect(res.status).to.equal(200);
      const ids = (list: Array<{ id: string }>) => list.map((e) => e.id).sort();
      expect(ids(res.body.added)).to.deep.equal(['aviz', 'f3', 'f4', 'final']);
      expect(ids(res.body.removed)).to.deep.equal(['f2', 'gata']);
      expect(res.body.added.find((e: { id: string }) => e.id === 'aviz')).to.deep.equal({ id: 'aviz', type: 'userTask', name: 'Aviz' });
      expect(res.body.changed).to.deep.equal([
        { id: 'analiza', type: 'userTask', name: 'Analiza dosarului', changes: ['dosar:candidateGroups', 'dosar:legalTerm', 'name', 'task.candidateGroups'] },
      ]);
      const same = await s.api('/api/v1/designer/procedures/mica/compare?from=2&to=2', { token: analyst.token });
      expect(same.body).to.include({ from: 2, to: 2 });
      expect([...same.body.added, ...same.body.removed, ...same.body.changed]).to.deep.equal([]);
    });

    it('reports a changed process attribute on the process itself', async () => {
      const xml = await readFile(new URL('../../procedures/petitie/petitie.bpmn', import.meta.url), 'utf8');
      const v2 = xml.replace('dosar:legalTerm="30 days"', 'dosar:legalTerm="45 days"');
      expect((await s.api('/api/v1/definitions', { token: analyst.token, body: v2, headers: { 'content-type': 'application/xml' } })).status).to.equal(201);
      const res = await s.api('/api/v1/designer/procedures/petitie/compare?from=1&to=2', { token: analyst.token });
      expect(res.body.changed).to.deep.equal([{ id: 'petitie', type: 'process', name: 'Petiție', changes: ['dosar:legalTerm'] }]);
    });

    it('answers 404 for a version that does not exist, 400 for a malformed one, 403 for clerks', async () => {
      expect((await s.api('/api/v1/designer/procedures/petitie/compare?from=1&to=9', { token: analyst.token })).status).to.equal(404);
      expect((await s.api('/api/v1/designer/procedures/nimic/compare?from=1&to=2', { token: analyst.token })).status).to.equal(404);
      expect((await s.api('/api/v1/designer/procedures/petitie/compare?from=unu&to=2', { token: analyst.token })).status).to.equal(400);
      expect((await s.api('/api/v1/designer/procedures/petitie/compare?from=1&to=1', { token: clerk.token })).status).to.equal(403);
    });
  });
});

describe('the designer API: packages and layout', function () {
  this.timeout(30_000);
  const t = useTestDatabase();
  let s: TestServer;
  beforeEach(async () => { s = await startTestServer(t.db); });
  afterEach(async () => { await s?.close(); });

  it('gives the latest catalogue data and templates of a procedure, to send back with edited forms', async () => {
    const analyst = await s.user('analist@primarie.ro', 'analyst');
    const res = await s.api('/api/v1/designer/procedures/petitie/package', { token: analyst.token });
    expect(res.status).to.equal(200);
    expect(res.body.meta.title).to.deep.equal({ ro: 'Petiție', en: 'Petition' });
    expect(res.body.meta.answerTemplate).to.equal('raspuns');
    expect(res.body.templates.raspuns).to.be.a('string');
    expect((await s.api('/api/v1/designer/procedures/nimic/package', { token: analyst.token })).status).to.equal(404);
  });

  it('gives the model of an older version with ?version=N: 400 for a malformed version, 404 for an unknown one', async () => {
    const analyst = await s.user('analist@primarie.ro', 'analyst');
    const clerk = await s.user('ana@primarie.ro', 'clerk', ['urbanism']);
    const xml = await readFile(new URL('../../procedures/petitie/petitie.bpmn', import.meta.url), 'utf8');
    const v2 = xml.replace('dosar:legalTerm="30 days"', 'dosar:legalTerm="45 days"');
    expect((await s.api('/api/v1/definitions', { token: analyst.token, body: v2, headers: { 'content-type': 'application/xml' } })).status).to.equal(201);
    const latest = await s.api('/api/v1/procedures/petitie/model', { token: analyst.token });
    expect(latest.body).to.include({ key: 'petitie', version: 2 });
    expect(latest.body.xml).to.contain('dosar:legalTerm="45 days"');
    const first = await s.api('/api/v1/procedures/petitie/model?version=1', { token: analyst.token });
    expect(first.status).to.equal(200);
    expect(first.body).to.include({ key: 'petitie', version: 1 });
    expect(first.body.xml).to.contain('dosar:legalTerm="30 days"').and.to.match(/BPMNDiagram/);
    expect((await s.api('/api/v1/procedures/petitie/model?version=2', { token: analyst.token })).body.xml).to.contain('dosar:legalTerm="45 days"');
    for (const bad of ['unu', '0', '-1', '1.5', '', '1&version=2']) {
      const res = await s.api(`/api/v1/procedures/petitie/model?version=${bad}`, { token: analyst.token });
      expect(res.status, bad).to.equal(400);
      expect(res.body.error.code, bad).to.equal('bad-input');
    }
    expect((await s.api('/api/v1/procedures/petitie/model?version=9', { token: analyst.token })).status).to.equal(404);
    expect((await s.api('/api/v1/procedures/nimic/model?version=1', { token: analyst.token })).status).to.equal(404);
    expect((await s.api('/api/v1/procedures/petitie/model?version=1', { token: clerk.token })).status).to.equal(403);
  });

  it('refuses catalogue data that gives a legal term without its legal basis', async () => {
    const analyst = await s.user('analist@primarie.ro', 'analyst');
    const meta = { title: { ro: 'Procedură mică', en: 'Small procedure' }, legalTerm: { ro: '30 de zile', en: '30 days' } };
    const refused = await s.api('/api/v1/definitions', { token: analyst.token, body: { xml: V1, meta } });
    expect(refused.status).to.equal(422);
    expect(refused.body.error.problems.map((p: { code: string }) => p.code)).to.deep.equal(['meta-invalid']);
    const deployed = await s.api('/api/v1/definitions', { token: analyst.token, body: { xml: V1, meta: { ...meta, legalBasis: 'OG 27/2002 art. 8' } } });
    expect(deployed.status, JSON.stringify(deployed.body)).to.equal(201);
    expect((await s.api('/api/v1/procedures/mica')).body).to.include({ legalBasis: 'OG 27/2002 art. 8' });
  });

  it('lists the service-task handlers with their options schema, for analysts only', async () => {
    const analyst = await s.user('analist@primarie.ro', 'analyst');
    const clerk = await s.user('ana@primarie.ro', 'clerk', ['urbanism']);
    const res = await s.api('/api/v1/designer/handlers', { token: analyst.token });
    expect(res.status).to.equal(200);
    const byName = new Map((res.body.handlers as Array<{ name: string; description?: string; optionsSchema?: unknown }>).map((h) => [h.name, h]));
    expect(byName.get('noop')).to.include({ name: 'noop' }).and.to.have.property('description').that.is.a('string');
    expect(byName.get('noop')?.optionsSchema).to.deep.equal({ type: 'object', additionalProperties: false });
    expect(byName.get('set-variables')?.optionsSchema).to.deep.equal({ type: 'object', additionalProperties: true });
    expect((await s.api('/api/v1/designer/handlers', { token: clerk.token })).status).to.equal(403);
    expect((await s.api('/api/v1/designer/handlers')).status).to.equal(401);
  });

  it('lays out a model that has no diagram, and leaves one that has', async () => {
    const analyst = await s.user('analist@primarie.ro', 'analyst');
    const res = await s.api('/api/v1/designer/layout', { token: analyst.token, body: V1, headers: { 'content-type': 'application/xml' } });
    expect(res.status).to.equal(200);
    expect(res.body.xml).to.match(/BPMNShape[^>]*bpmnElement="analiza"/);
    const again = await s.api('/api/v1/designer/layout', { token: analyst.token, body: res.body.xml, headers: { 'content-type': 'application/xml' } });
    expect(again.body.xml).to.equal(res.body.xml);
  });

  it('does not lay out what is not BPMN XML: entities, a DOCTYPE or broken XML get xml-invalid', async () => {
    const analyst = await s.user('analist@primarie.ro', 'analyst');
    for (const body of ['<bpmn:definitions', '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>']) {
      const res = await s.api('/api/v1/designer/layout', { token: analyst.token, body, headers: { 'content-type': 'application/xml' } });
      expect(res.status, body).to.equal(422);
      expect(res.body.error.code).to.equal('xml-invalid');
    }
  });
  it('moves running requests to a newer version where the element they wait at still exists', async () => {
    const analyst = await s.user('analist@primarie.ro', 'analyst');
    const clerk = await s.user('ana@primarie.ro', 'clerk', ['urbanism']);
    const deploy = (xml: string) => s.api('/api/v1/definitions', { token: analyst.token, body: xml, headers: { 'content-type': 'application/xml' } });
    await deploy(V1);
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const submitted = await s.api('/api/v1/procedures/mica/requests', { token: citizen.token, body: {} });
    expect(submitted.status).to.equal(201);
    await deploy(V2);
    const moved = await s.api('/api/v1/designer/procedures/mica/migrate', { token: analyst.token, body: { from: 1, to: 2 } });
    expect(moved.body).to.include({ migrated: 1 });
    expect(moved.body.failed).to.deep.equal([]);
    const versions = (await s.api('/api/v1/procedures/mica/versions', { token: analyst.token })).body.versions;
    expect(versions.map((v: { version: number; running: number }) => [v.version, v.running])).to.deep.equal([[2, 1], [1, 0]]);
    const v3 = V2.replace('<bpmn:userTask id="analiza" name="Analiza dosarului" dosar:candidateGroups="registratura" dosar:legalTerm="10 working-days" />', '<bpmn:userTask id="analizaNoua" name="Analiză" dosar:candidateGroups="registratura" />').replace('targetRef="analiza"', 'targetRef="analizaNoua"').replace('sourceRef="analiza"', 'sourceRef="analizaNoua"');
    await deploy(v3);
    const stranded = await s.api('/api/v1/designer/procedures/mica/migrate', { token: analyst.token, body: { from: 2, to: 3 } });
    expect(stranded.body.migrated).to.equal(0);
    expect(stranded.body.failed[0].message).to.contain('analiza');
    expect((await s.api('/api/v1/designer/procedures/mica/migrate', { token: clerk.token, body: { from: 2, to: 3 } })).status).to.equal(403);
  });
});

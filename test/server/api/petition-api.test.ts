import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import { useTestDatabase } from '../../support/database.ts';
import { PETITION, SAMPLE_PDF as PDF } from '../../support/petition.ts';
import { signInSession, startTestServer, type TestServer } from '../../support/server.ts';

describe('the JSON API, through a petition (OG 27/2002)', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;

  beforeEach(async () => { s = await startTestServer(t.db); });
  afterEach(async () => { await s.close(); });

  it('registers a petition with a gapless number, its legal due date, and mails the citizen', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const first = await s.api('/api/v1/procedures/petitie/requests', { token: citizen.token, body: PETITION });
    expect(first.status).to.equal(201);
    expect(first.body).to.include({ registrationNumber: '1/02.03.2026', status: 'active', dueDate: '2026-04-01' });
    expect(first.body.id).to.match(/^[0-9a-f-]{36}$/);
    const second = await s.api('/api/v1/procedures/petitie/requests', { token: citizen.token, body: { data: PETITION } });
    expect(second.body.registrationNumber).to.equal('2/02.03.2026');
    await s.mailSettled();
    expect(s.smtp.received.map((m) => m.to)).to.deep.include(['maria@exemplu.ro']);
    expect(s.smtp.received[0]!.raw).to.contain('1/02.03.2026');
  });

  it('lists a citizen\'s requests, newest first, with where each is and its legal due date, on the page as through the API', async () => {
    const maria = await s.user('maria@exemplu.ro', 'citizen');
    const ion = await s.user('ion@exemplu.ro', 'citizen');
    await s.api('/api/v1/procedures/petitie/requests', { token: maria.token, body: PETITION });
    await s.api('/api/v1/procedures/petitie/requests', { token: ion.token, body: { ...PETITION, nume: 'Ion Pop' } });
    await s.api('/api/v1/procedures/petitie/requests', { token: maria.token, body: { ...PETITION, subiect: 'Trotuar' } });
    const { requests } = (await s.api('/api/v1/requests', { token: maria.token })).body;
    expect(requests.map((r: { registrationNumber: string }) => r.registrationNumber)).to.deep.equal(['3/02.03.2026', '1/02.03.2026']);
    expect(requests[0]).to.deep.include({ status: 'active', dueDate: '2026-04-01', procedure: { key: 'petitie', title: requests[0].procedure.title } });
    expect(requests[0].procedure.title.ro).to.be.a('string').and.not.equal('petitie');
    expect(requests[0].currentSteps).to.deep.equal(['Triere la registratură']);
    const page = await (await signInSession(s, maria.email, maria.password)).page('/cereri');
    const html = await page.text();
    expect(html).to.contain('3/02.03.2026').and.to.contain('1/02.03.2026').and.not.to.contain('2/02.03.2026');
    expect(html).to.contain(requests[0].currentSteps[0]).and.to.contain('01.04.2026');
  });

  it('refuses invalid data with a message per field, and stores nothing', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const res = await s.api('/api/v1/procedures/petitie/requests', { token: citizen.token, body: { ...PETITION, email: 'nu-e-email', subiect: '' } });
    expect(res.status).to.equal(422);
    expect(res.body.error.code).to.equal('form-invalid');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).to.include.members(['email', 'subiect']);
    expect(await t.db.query('select id from requests')).to.deep.equal([]);
    expect(await t.db.query('select id from instances')).to.deep.equal([]);
  });

  it('returns the first request when a submission is retried with the same idempotency key', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const headers = { 'Idempotency-Key': 'cerere-2026-03-02-a' };
    const [a, b] = await Promise.all([
      s.api('/api/v1/procedures/petitie/requests', { token: citizen.token, body: PETITION, headers }),
      s.api('/api/v1/procedures/petitie/requests', { token: citizen.token, body: PETITION, headers }),
    ]);
    expect(a.body.id).to.equal(b.body.id);
    expect([a.status, b.status].sort()).to.deep.equal([200, 201]);
    expect(await t.db.query('select id from requests')).to.have.length(1);
  });

  it('accepts a multipart submission with an attachment checked by its content', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const form = new FormData();
    form.set('data', JSON.stringify(PETITION));
    form.set('anexe', new Blob([PDF], { type: 'application/pdf' }), 'fotografie.pdf');
    const res = await s.api('/api/v1/procedures/petitie/requests', { token: citizen.token, body: form });
    expect(res.status).to.equal(201);
    const view = await s.api(`/api/v1/requests/${res.body.id}`, { token: citizen.token });
    expect(view.body.data.anexe[0]).to.include({ originalName: 'fotografie.pdf', mediaType: 'application/pdf' });
    const fake = new FormData();
    fake.set('data', JSON.stringify(PETITION));
    fake.set('anexe', new Blob(['<script>alert(1)</script>'], { type: 'application/pdf' }), 'nu-e-pdf.pdf');
    const refused = await s.api('/api/v1/procedures/petitie/requests', { token: citizen.token, body: fake });
    expect(refused.status).to.equal(422);
  });

  it('shows a request only to its citizen and to clerks of its departments', async () => {
    const maria = await s.user('maria@exemplu.ro', 'citizen');
    const ion = await s.user('ion@exemplu.ro', 'citizen');
    const registry = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
    const taxes = await s.user('dan@primarie.ro', 'clerk', ['taxe']);
    const { body } = await s.api('/api/v1/procedures/petitie/requests', { token: maria.token, body: PETITION });
    expect((await s.api(`/api/v1/requests/${body.id}`, { token: maria.token })).status).to.equal(200);
    expect((await s.api(`/api/v1/requests/${body.id}`, { token: registry.token })).status).to.equal(200);
    for (const other of [ion, taxes]) {
      const denied = await s.api(`/api/v1/requests/${body.id}`, { token: other.token });
      expect(denied.status).to.equal(404);
      expect(JSON.stringify(denied.body)).not.to.contain('Maria');
    }
    expect((await s.api('/api/v1/requests', { token: ion.token })).body.requests).to.deep.equal([]);
    expect((await s.api(`/api/v1/requests/${body.id}`)).status).to.equal(401);
    expect((await s.api('/api/v1/tasks', { token: maria.token })).status).to.equal(403);
  });

  it('takes a petition from triage to a registered answer, with completion and extension on the way', async () => {
    const maria = await s.user('maria@exemplu.ro', 'citizen');
    const registry = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
    const planning = await s.user('radu@primarie.ro', 'clerk', ['urbanism']);
    const submitted = (await s.api('/api/v1/procedures/petitie/requests', { token: maria.token, body: PETITION })).body;

    const queue = await s.api('/api/v1/tasks', { token: registry.token });
    expect(queue.body.tasks).to.have.length(1);
    const triage = queue.body.tasks[0];
    expect(triage).to.include({ elementId: 'triere', registrationNumber: '1/02.03.2026', requestId: submitted.id, overdue: false });
    expect(triage.due.slice(0, 10)).to.equal('2026-03-09'); // 5 days end on Saturday 7 March: next working day
    expect(queue.body.counts).to.deep.equal([{ group: 'registratura', open: 1, overdue: 0, mine: 0 }]);

    expect((await s.api(`/api/v1/tasks/${triage.id}/claim`, { token: registry.token, method: 'POST' })).body.assignee).to.equal('ana@primarie.ro');
    const wrong = await s.api(`/api/v1/tasks/${triage.id}/complete`, { token: registry.token, body: { data: { anonima: false, competenta: true } } });
    expect(wrong.status).to.equal(422); // the department is required when the city hall is competent
    await s.api(`/api/v1/tasks/${triage.id}/complete`, { token: registry.token, body: { data: { anonima: false, competenta: true, departament: 'urbanism' } } });

    const [resolve] = (await s.api('/api/v1/tasks', { token: planning.token })).body.tasks;
    expect(resolve.elementId).to.equal('solutionare');
    s.clock.set('2026-03-05T09:00:00Z');
    expect((await s.api(`/api/v1/requests/${submitted.id}/completion`, { token: planning.token, body: { message: 'Atașați o fotografie a stâlpului.' } })).status).to.equal(201);
    let view = (await s.api(`/api/v1/requests/${submitted.id}`, { token: maria.token })).body;
    expect(view.clock.state).to.equal('suspended');
    s.clock.set('2026-03-09T09:00:00Z');
    const answer = new FormData();
    answer.set('text', 'Am atașat fotografia.');
    answer.set('documente', new Blob([PDF], { type: 'application/pdf' }), 'stalp.pdf');
    expect((await s.api(`/api/v1/requests/${submitted.id}/completion/answer`, { token: maria.token, body: answer })).status).to.equal(200);
    view = (await s.api(`/api/v1/requests/${submitted.id}`, { token: maria.token })).body;
    expect(view.clock.state).to.equal('running');
    expect(view.dueDate).to.equal('2026-04-06'); // four days suspended: 5 April, a Sunday, so Monday 6 April
    const extended = await s.api(`/api/v1/requests/${submitted.id}/extension`, { token: planning.token, body: { amount: 15, unit: 'days', reason: 'Verificare pe teren' } });
    expect(extended.body.clock.due).to.equal('2026-04-21'); // an extension runs from the term's last day: 6 April + 15

    await s.api(`/api/v1/tasks/${resolve.id}/complete`, { token: planning.token, body: { data: { raspuns: 'Iluminatul a fost reparat la 10 martie 2026.', necesitaPrelungire: false } } });
    const [send] = (await s.api('/api/v1/tasks', { token: registry.token })).body.tasks;
    expect(send.elementId).to.equal('raspuns');
    const done = await s.api(`/api/v1/tasks/${send.id}/complete`, { token: registry.token, body: { data: { semnatar: 'Ana Registratură', functie: 'Inspector' } } });
    expect(done.body.document.registrationNumber).to.equal('IEȘ-1/09.03.2026');

    view = (await s.api(`/api/v1/requests/${submitted.id}`, { token: maria.token })).body;
    expect(view.status).to.equal('completed');
    expect(view.history.map((e: { type: string }) => e.type)).to.include('document.issued');
    const html = await s.api(view.documents[0].html, { token: maria.token });
    expect(html.body).to.contain('Iluminatul a fost reparat').and.to.contain('1/02.03.2026');
    await s.mailSettled();
    expect(s.smtp.received.map((m) => m.raw).join('\n')).to.contain('1/09.03.2026');
  });

  it('takes a decision as the form data itself or wrapped in data, as it takes a submission', async () => {
    const maria = await s.user('maria@exemplu.ro', 'citizen');
    const registry = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
    const planning = await s.user('radu@primarie.ro', 'clerk', ['urbanism']);
    await s.api('/api/v1/procedures/petitie/requests', { token: maria.token, body: PETITION });
    const [triage] = (await s.api('/api/v1/tasks', { token: registry.token })).body.tasks;
    const flat = await s.api(`/api/v1/tasks/${triage.id}/complete`, { token: registry.token, body: { anonima: false, competenta: true, departament: 'urbanism' } });
    expect(flat.status, JSON.stringify(flat.body)).to.equal(200);
    const [resolve] = (await s.api('/api/v1/tasks', { token: planning.token })).body.tasks;
    expect(resolve.elementId).to.equal('solutionare');
    const wrapped = await s.api(`/api/v1/tasks/${resolve.id}/complete`, { token: planning.token, body: { data: { raspuns: 'Stâlpul a fost reparat.' } } });
    expect(wrapped.status, JSON.stringify(wrapped.body)).to.equal(200);
    expect((await s.api('/api/v1/tasks', { token: planning.token })).body.tasks).to.deep.equal([]);
  });

  it('tells anyone with the number and the secret code where a request is, and nothing personal', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const { body } = await s.api('/api/v1/procedures/petitie/requests', { token: citizen.token, body: PETITION });
    expect(body.secretCode).to.match(/^\d{8}$/);
    const found = await s.api(`/api/v1/status?number=${encodeURIComponent(body.registrationNumber)}&code=${body.secretCode}`);
    expect(found.status).to.equal(200);
    expect(found.body).to.include({ registrationNumber: '1/02.03.2026', status: 'active', dueDate: '2026-04-01' });
    expect(found.body.currentSteps).to.deep.equal(['Triere la registratură']);
    expect(JSON.stringify(found.body)).not.to.contain('Maria');
    const wrongCode = String((Number(body.secretCode) + 1) % 1e8).padStart(8, '0');
    expect((await s.api(`/api/v1/status?number=${encodeURIComponent(body.registrationNumber)}&code=${wrongCode}`)).status).to.equal(404);
  });

  it('answers every error with a stable code and never a stack trace', async () => {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const broken = await fetch(`${s.base}/api/v1/procedures/petitie/requests`, { method: 'POST', headers: { authorization: `Bearer ${citizen.token}`, 'content-type': 'application/json' }, body: '{"nume": ' });
    expect(broken.status).to.equal(400);
    const body = await broken.json() as { error: { code: string; message: string } };
    expect(body.error.code).to.equal('bad-input');
    expect(JSON.stringify(body)).not.to.match(/at .*\.ts:\d+/);
    expect((await s.api('/api/v1/procedures/nu-exista')).body.error.code).to.equal('not-found');
    expect((await s.api('/api/v1/requests/x', { token: 'dosar_fals' })).status).to.equal(401);
    expect((await s.api('/api/v1/nimic')).status).to.equal(404);
  });

  it('deploys a model from an analyst and lists every problem of a broken one', async () => {
    const analyst = await s.user('elena@primarie.ro', 'analyst');
    const good = `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
      <bpmn:process id="adeverinta" name="Adeverință" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e"/><bpmn:endEvent id="e"/></bpmn:process></bpmn:definitions>`;
    const created = await s.api('/api/v1/definitions', { token: analyst.token, body: good, headers: { 'content-type': 'application/xml' } });
    expect(created.status).to.equal(201);
    expect(created.body).to.include({ key: 'adeverinta', version: 1 });
    const broken = good.replace('<bpmn:startEvent id="s"/>', '<bpmn:startEvent id="s"/><bpmn:complexGateway id="g"/>');
    const refused = await s.api('/api/v1/definitions', { token: analyst.token, body: broken, headers: { 'content-type': 'application/xml' } });
    expect(refused.status).to.equal(422);
    expect(refused.body.error.code).to.equal('definition-invalid');
    expect(refused.body.error.problems.map((p: { elementId: string }) => p.elementId)).to.include('g');
    const catalogue = (await s.api('/api/v1/procedures')).body.procedures.map((p: { key: string }) => p.key);
    expect(catalogue).to.include.members(['petitie', 'adeverinta']);
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    expect((await s.api('/api/v1/definitions', { token: citizen.token, body: good, headers: { 'content-type': 'application/xml' } })).status).to.equal(403);
  });

  it('deploys a JSON package whose forms are given as { schema, uiSchema } or as the JSON Schema itself', async () => {
    const analyst = await s.user('elena@primarie.ro', 'analyst');
    const xml = `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:dosar="http://dosar.ro/schema/bpmn" id="d" targetNamespace="x">
      <bpmn:process id="adeverinta" name="Adeverință" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t"/>
      <bpmn:userTask id="t" dosar:candidateGroups="registratura" dosar:formKey="verificare"/><bpmn:sequenceFlow id="g" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/></bpmn:process></bpmn:definitions>`;
    const cerere = { type: 'object', required: ['scop'], properties: { scop: { type: 'string', title: 'Scopul' } } };
    const created = await s.api('/api/v1/definitions', { token: analyst.token, body: { xml, forms: { cerere, verificare: { schema: { type: 'object' }, uiSchema: null } } } });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const form = (await s.api('/api/v1/procedures/adeverinta')).body.form;
    expect(form.schema).to.deep.include({ required: ['scop'] });
    const refused = await s.api('/api/v1/definitions', { token: analyst.token, body: { xml, forms: { cerere: 'nu e formular' } } });
    expect(refused.status).to.equal(400);
    expect(refused.body.error.message).to.contain('„cerere”');
  });

  it('deploys a procedure folder uploaded as files, and lists what is wrong with a bad one', async () => {
    const analyst = await s.user('elena@primarie.ro', 'analyst');
    const dir = new URL('../../../procedures/petitie/', import.meta.url);
    const form = new FormData();
    for (const file of ['petitie.bpmn', 'procedure.json', 'forms/cerere.schema.json', 'forms/triere.schema.json', 'forms/solutionare.schema.json', 'forms/inregistrare-raspuns.schema.json', 'templates/raspuns.hbs']) {
      form.append('files', new Blob([await readFile(new URL(file, dir))]), file);
    }
    const created = await s.api('/api/v1/definitions', { token: analyst.token, body: form });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(created.body).to.include({ key: 'petitie', version: 2 });
    const broken = new FormData();
    broken.append('files', new Blob([await readFile(new URL('petitie.bpmn', dir))]), 'petitie.bpmn');
    broken.append('files', new Blob(['{"type": "object", "properties": {"x": {"type": "nimic"}}}']), 'cerere.schema.json');
    const refused = await s.api('/api/v1/definitions', { token: analyst.token, body: broken });
    expect(refused.status).to.equal(422);
    expect(refused.body.error.problems.map((p: { code: string }) => p.code)).to.include.members(['form-invalid', 'form-missing']);
  });

  it('takes a form file Camunda Modeler saved (.form) among the uploaded files, as the form its task links', async () => {
    const analyst = await s.user('elena@primarie.ro', 'analyst');
    const upload = new FormData();
    upload.append('files', new Blob([`<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x">
      <bpmn:process id="aviz-upload" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="aviz"/>
      <bpmn:userTask id="aviz" name="Aviz"><bpmn:extensionElements><zeebe:formDefinition formId="Form_aviz" /></bpmn:extensionElements></bpmn:userTask>
      <bpmn:sequenceFlow id="f2" sourceRef="aviz" targetRef="e"/><bpmn:endEvent id="e"/></bpmn:process></bpmn:definitions>`]), 'aviz.bpmn');
    upload.append('files', new Blob(['{"type":"object","properties":{"nume":{"type":"string"}}}']), 'forms/cerere.schema.json');
    upload.append('files', new Blob(['{"id":"Form_aviz","components":[{"type":"textfield","key":"motivare","label":"Motivare","validate":{"required":true}}]}']), 'forms/aviz.form');
    const created = await s.api('/api/v1/definitions', { token: analyst.token, body: upload });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const forms = (await s.api('/api/v1/procedures/aviz-upload/forms', { token: analyst.token })).body.forms as Array<{ name: string; schema: { required?: string[] } }>;
    expect(forms.find((f) => f.name === 'Form_aviz')?.schema.required).to.deep.equal(['motivare']);
  });
});

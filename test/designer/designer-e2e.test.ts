import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addWorkingDays } from '../../engine/index.ts';
import { hasChromium, launchChromium } from '../support/browser.ts';
import { useTestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const MIWG = resolve(import.meta.dirname, '../../../shared/conformance/miwg');

/** A Camunda Modeler (Camunda 7) model without diagram information: JUEL condition, camunda:formKey. */
const CAMUNDA = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" exporterVersion="5.20.0">
  <bpmn:process id="aviz-camunda" name="Aviz din Camunda" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1" camunda:formKey="embedded:app:forms/start.html" />
    <bpmn:userTask id="Task_verificare" name="Verificare" camunda:candidateGroups="urbanism" camunda:formKey="embedded:app:forms/verificare.html" />
    <bpmn:exclusiveGateway id="Gateway_suma" default="Flow_mica" />
    <bpmn:endEvent id="End_mare" />
    <bpmn:endEvent id="End_mica" />
    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Task_verificare" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_verificare" targetRef="Gateway_suma" />
    <bpmn:sequenceFlow id="Flow_mare" sourceRef="Gateway_suma" targetRef="End_mare">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\${suma &gt; 1000}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="Flow_mica" sourceRef="Gateway_suma" targetRef="End_mica" />
  </bpmn:process>
</bpmn:definitions>`;

/**
 * The designer through the real server, in Chromium: an analyst draws a procedure from an empty
 * canvas, gives it a citizen form with the field list, deploys it; a citizen's request reaches the
 * urban planning queue with the legal due date; a broken model shows its markers; versions compare.
 */
describe('the designer end to end, in Chromium', function () {
  this.timeout(90_000);
  const t = useTestDatabase();
  let browser: Browser;
  let context: BrowserContext;
  let s: TestServer;

  before(async function () {
    if (!hasChromium('journeys')) this.skip();
    browser = await launchChromium();
  });
  beforeEach(async function () {
    this.timeout(120_000); // the first test of the process also builds the designer bundle
    s = await startTestServer(t.db, '2026-03-02T08:00:00Z', { designer: true });
    context = await browser.newContext({ viewport: { width: 1500, height: 950 }, locale: 'ro-RO' });
    // tsx compiles the functions passed to page.evaluate with esbuild's keepNames helper.
    await context.addInitScript('window.__name = (f) => f');
  });
  afterEach(async () => {
    await context?.close();
    await s?.close();
  });
  after(async () => { await browser?.close(); });

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.goto(`${s.base}/login`);
    await page.fill('#email', email);
    await page.fill('#password', password);
    await page.click('button[type=submit]');
    await page.waitForLoadState();
  }

  async function openDesigner(path: string): Promise<Page> {
    const analyst = await s.user('analist@primarie.ro', 'analyst');
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await signIn(page, analyst.email, analyst.password);
    await page.goto(`${s.base}${path}`);
    await page.waitForSelector('#designer[data-ready="true"]', { timeout: 20_000 }).catch(() => {
      throw new Error(`designer did not start: ${errors.join('; ')}`);
    });
    return page;
  }

  const select = (page: Page, id: string) => page.evaluate((elementId) => {
    const modeler = window.dosarDesigner!.modeler;
    const registry = modeler.get<any>('elementRegistry');
    modeler.get<any>('selection').select(elementId === '' ? modeler.get<any>('canvas').getRootElement() : registry.get(elementId));
  }, id);

  /** Waits for a text field's debounced write to reach the model. */
  const waitForAttribute = (page: Page, elementId: string, read: string, expected: string) =>
    page.waitForFunction(([id, path, value]) => {
      const modeler = window.dosarDesigner!.modeler;
      let node: any = (id === '' ? modeler.get<any>('canvas').getRootElement() : modeler.get<any>('elementRegistry').get(id))?.businessObject;
      for (const key of path.split('.')) node = node?.get ? node.get(key) : node?.[key];
      return node === value;
    }, [elementId, read, expected] as const);

  /** Opens a properties panel group (the panel remembers which ones were closed). */
  async function openGroup(page: Page, id: string): Promise<void> {
    const header = page.locator(`[data-group-id="group-${id}"] .bio-properties-panel-group-header`);
    if (!(await header.getAttribute('class'))?.split(' ').includes('open')) await header.click();
  }

  async function addField(page: Page, field: { name: string; type: string; ro: string; en: string; required?: boolean; help?: string }): Promise<void> {
    await page.fill('input[name="field-name"]', field.name);
    await page.selectOption('select[name="field-type"]', field.type);
    await page.fill('input[name="field-label-ro"]', field.ro);
    await page.fill('input[name="field-label-en"]', field.en);
    if (field.help) await page.fill('input[name="field-help-ro"]', field.help);
    if (field.required) await page.check('input[name="field-required"]');
    await page.click('[data-action="add-field"]');
    await page.waitForSelector(`.dosar-field-table tr[data-field="${field.name}"]`);
  }

  async function deploy(page: Page): Promise<string> {
    await page.click('[data-action="deploy"]');
    await page.waitForFunction(() => ['success', 'error'].includes(document.querySelector<HTMLElement>('.dosar-status')?.dataset.kind ?? ''));
    return (await page.textContent('.dosar-status'))!;
  }

  it('draws a procedure with a form, deploys it, and a citizen’s request reaches the right queue with the legal due date', async () => {
    const page = await openDesigner('/designer/nou');

    // The diagram, from the empty canvas's start event: the shapes through the modeler's own services.
    await page.evaluate(() => {
      const modeler = window.dosarDesigner!.modeler;
      const modeling = modeler.get<any>('modeling');
      const start = modeler.get<any>('elementRegistry').get('start');
      const task = modeling.appendShape(start, { type: 'bpmn:UserTask' }, { x: 330, y: 178 });
      modeling.updateProperties(task, { id: 'analiza', name: 'Analiza documentației' });
      const gateway = modeling.appendShape(task, { type: 'bpmn:ExclusiveGateway' }, { x: 480, y: 178 });
      modeling.updateProperties(gateway, { id: 'decizie', name: 'Suprafață mare?' });
      const large = modeling.appendShape(gateway, { type: 'bpmn:EndEvent' }, { x: 600, y: 100 });
      modeling.updateProperties(large, { id: 'avizComisie', name: 'Trimisă comisiei' });
      const small = modeling.appendShape(gateway, { type: 'bpmn:EndEvent' }, { x: 600, y: 260 });
      modeling.updateProperties(small, { id: 'autorizata', name: 'Autorizată' });
      modeling.updateProperties(large.incoming[0], { id: 'mare' });
      modeling.updateProperties(small.incoming[0], { id: 'mica' });
    });

    // The Dosar properties, through the properties panel as analysts set them.
    await select(page, '');
    await openGroup(page, 'general');
    await page.fill('[data-entry-id="id"] input', 'autorizatie-demo');
    await waitForAttribute(page, '', 'id', 'autorizatie-demo');
    await page.fill('[data-entry-id="name"] input, [data-entry-id="name"] textarea', 'Autorizație demo');
    await waitForAttribute(page, '', 'name', 'Autorizație demo');

    await select(page, 'analiza');
    await page.selectOption('select[name="dosar-candidateGroups"]', 'urbanism');
    await page.fill('input[name="dosar-task-legalTerm-amount"]', '10');
    await waitForAttribute(page, 'analiza', 'dosar:legalTerm', '10 days');
    await page.selectOption('select[name="dosar-task-legalTerm-unit"]', 'working-days');
    await waitForAttribute(page, 'analiza', 'dosar:legalTerm', '10 working-days');

    await select(page, 'mare');
    await page.fill('input[name="dosar-condition"]', 'suprafata > 100');
    await waitForAttribute(page, 'mare', 'conditionExpression.body', 'suprafata > 100');

    // The default flow, from the flow's "change type" menu.
    await page.evaluate(() => {
      const modeler = window.dosarDesigner!.modeler;
      modeler.get<any>('popupMenu').open(modeler.get<any>('elementRegistry').get('mica'), 'bpmn-replace', { x: 600, y: 300 });
    });
    await page.click('.djs-popup [data-id="replace-with-default-flow"]');
    await waitForAttribute(page, 'decizie', 'default.id', 'mica');

    // The citizen form, with the field list (no JSON written by hand).
    await page.click('#tab-forms');
    expect(await page.inputValue('input[name="new-form-name"]')).to.equal('cerere');
    await page.click('form[data-action="new-form"] button[type=submit]');
    await page.waitForSelector('button[data-form="cerere"][aria-current="true"]');
    await addField(page, { name: 'suprafata', type: 'number', ro: 'Suprafața construită (mp)', en: 'Built area (sq m)', required: true, help: 'Din planul de situație' });
    await addField(page, { name: 'descriere', type: 'textarea', ro: 'Descrierea lucrărilor', en: 'Description of the works' });
    const schema = JSON.parse(await page.inputValue('#form-schema'));
    expect(schema.required).to.deep.equal(['suprafata']);
    expect(schema.properties.suprafata).to.deep.equal({ type: 'number', title: 'Suprafața construită (mp)', description: 'Din planul de situație', 'x-labels': { en: { title: 'Built area (sq m)' } } });
    expect(schema.properties.descriere).to.include({ type: 'string', 'x-widget': 'textarea' });

    // The live preview is the portal's own rendering, in a sandboxed frame.
    await page.evaluate(() => window.dosarDesigner!.formsPanel.flushPreview());
    await page.waitForSelector('iframe.dosar-form-preview[data-state="ready"]');
    const preview = page.frameLocator('iframe.dosar-form-preview');
    expect(await preview.locator('label[for="f-suprafata"]').textContent()).to.contain('Suprafața construită (mp)');
    expect(await preview.locator('textarea#f-descriere').count()).to.equal(1);

    // Steps without JSON: two steps, the description on the second; the preview shows the first step.
    await page.check('#form-multi-step');
    await page.click('[data-action="add-step"]');
    await page.fill('#form-step-1-ro', 'Lucrările');
    await page.selectOption('select[data-field-step="descriere"]', '1');
    await page.evaluate(() => window.dosarDesigner!.formsPanel.flushPreview());
    await page.waitForSelector('iframe.dosar-form-preview[data-state="ready"]');
    expect(await preview.locator('p.step').textContent()).to.contain('Pasul 1 din 2');
    expect(await preview.locator('textarea#f-descriere').count()).to.equal(0);
    const steps = JSON.parse(await page.inputValue('#form-ui'));
    expect(steps.type).to.equal('Categorization');
    expect(steps.elements.map((c: { label: unknown }) => c.label)).to.deep.equal([{ ro: 'Pasul 1', en: 'Step 1' }, { ro: 'Lucrările', en: 'Step 2' }]);
    expect(steps.elements[1].elements).to.deep.equal([{ type: 'Control', scope: '#/properties/descriere' }]);
    // Back to one page: a VerticalLayout with the fields in schema order.
    await page.uncheck('#form-multi-step');
    expect(JSON.parse(await page.inputValue('#form-ui'))).to.deep.equal({ type: 'VerticalLayout', elements: [{ type: 'Control', scope: '#/properties/suprafata' }, { type: 'Control', scope: '#/properties/descriere' }] });
    await page.evaluate(() => window.dosarDesigner!.formsPanel.flushPreview());
    await page.waitForSelector('iframe.dosar-form-preview[data-state="ready"]');
    expect(await preview.locator('p.step').count()).to.equal(0);

    // A schema error typed by hand shows inline, with ajv's message.
    const good = await page.inputValue('#form-schema');
    await page.fill('#form-schema', good.replace('"type": "number"', '"type": "numar"'));
    await page.waitForSelector('#form-problems li.dosar-form-problem[data-code="form-invalid"]');
    await page.fill('#form-schema', good);
    await page.waitForSelector('iframe.dosar-form-preview[data-state="ready"]');
    expect(await page.locator('#form-problems li').count()).to.equal(0);

    // Deploy: version 1, listed with who deployed it.
    expect(await deploy(page)).to.equal('Versiunea 1 a fost publicată.');
    expect(page.url()).to.match(/\/designer\/proceduri\/autorizatie-demo$/);
    expect(await page.textContent('#versions li[data-version="1"]')).to.contain('analist@primarie.ro');

    // The citizen catalogue lists it; a citizen's request reaches the urban planning queue.
    const catalogue = await s.api('/api/v1/procedures');
    const listed = catalogue.body.procedures.find((p: { key: string }) => p.key === 'autorizatie-demo');
    expect(listed?.title).to.deep.equal({ ro: 'Autorizație demo', en: 'Autorizație demo' });
    const detail = await s.api('/api/v1/procedures/autorizatie-demo');
    // The field list writes a UI schema too: it keeps the fields' order, which jsonb storage does not.
    expect(detail.body.form.uiSchema.elements.map((e: { scope: string }) => e.scope)).to.deep.equal(['#/properties/suprafata', '#/properties/descriere']);

    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const clerk = await s.user('ion@primarie.ro', 'clerk', ['urbanism']);
    const registry = await s.user('ana@primarie.ro', 'clerk', ['registratura']);
    const refused = await s.api('/api/v1/procedures/autorizatie-demo/requests', { token: citizen.token, body: { descriere: 'Fără suprafață' } });
    expect(refused.status).to.equal(422);
    const sent = await s.api('/api/v1/procedures/autorizatie-demo/requests', { token: citizen.token, body: { suprafata: 150, descriere: 'Extindere locuință P+1' } });
    expect(sent.status, JSON.stringify(sent.body)).to.equal(201);

    const queue = await s.api('/api/v1/tasks', { token: clerk.token });
    const task = queue.body.tasks.find((x: { elementId: string }) => x.elementId === 'analiza');
    expect(task, JSON.stringify(queue.body)).to.not.equal(undefined);
    expect(task.name).to.equal('Analiza documentației');
    const expected = addWorkingDays(await s.ctx.engine.calendar(), '2026-03-02', 10);
    expect(expected).to.equal('2026-03-16');
    expect(task.due.slice(0, 10)).to.equal(expected);
    expect((await s.api('/api/v1/tasks', { token: registry.token })).body.tasks.filter((x: { elementId: string }) => x.elementId === 'analiza')).to.deep.equal([]);

    // A condition that does not parse: refused, with its marker on the diagram; nothing deployed.
    await page.click('#tab-diagram');
    await select(page, 'mare');
    await page.fill('input[name="dosar-condition"]', 'suprafata >');
    await waitForAttribute(page, 'mare', 'conditionExpression.body', 'suprafata >');
    expect(await deploy(page)).to.match(/^Modelul are/);
    await page.waitForSelector('.djs-element.dosar-problem[data-element-id="mare"]', { state: 'attached' });
    const marked = await page.$$eval('#problems li[data-element-id="mare"]', (items) => items.map((li) => li.textContent));
    expect(marked.join('\n')).to.contain('The condition "suprafata >" is not a valid FEEL expression');
    expect((await s.api('/api/v1/procedures/autorizatie-demo/versions', { token: (await s.user('admin@primarie.ro', 'admin')).token })).body.versions).to.have.length(1);

    // Fixed and deployed again: version 2; comparing marks the changed flow, the forms carried over.
    await page.fill('input[name="dosar-condition"]', 'suprafata > 200');
    await waitForAttribute(page, 'mare', 'conditionExpression.body', 'suprafata > 200');
    expect(await deploy(page)).to.equal('Versiunea 2 a fost publicată.');
    expect(await page.locator('.dosar-problem').count()).to.equal(0);
    expect(await page.textContent('#versions li[data-version="1"]')).to.contain('o cerere în curs');
    await page.click('[data-action="compare"]');
    await page.waitForSelector('.djs-element.dosar-changed[data-element-id="mare"]', { state: 'attached' });
    expect(await page.textContent('#compare-result')).to.contain('0 adăugate, 1 modificate, 0 eliminate');
    expect(await page.$$eval('.djs-element.dosar-changed, .djs-element.dosar-added', (nodes) => nodes.map((n) => n.getAttribute('data-element-id')))).to.deep.equal(['mare']);
    const v2 = await s.api('/api/v1/procedures/autorizatie-demo');
    expect(v2.body.version).to.equal(2);
    expect(Object.keys(v2.body.form.schema.properties).sort()).to.deep.equal(['descriere', 'suprafata']);
  });

  it('edits the petition’s catalogue data without JSON, deploys it as version 2 with its forms, and opens version 1 again', async () => {
    const admin = await s.user('admin@primarie.ro', 'admin');
    const before = await s.api('/api/v1/procedures/petitie');
    expect(before.body).to.include({ version: 1, fee: null });
    const page = await openDesigner('/designer/proceduri/petitie');

    // The tab shows the stored catalogue data.
    await page.click('#tab-catalogue');
    expect(await page.inputValue('input[name="catalogue-title-ro"]')).to.equal('Petiție');
    expect(await page.inputValue('input[name="catalogue-title-en"]')).to.equal('Petition');
    expect(await page.inputValue('input[name="catalogue-legal-basis"]')).to.contain('OG 27/2002');
    expect(await page.inputValue('textarea[name="catalogue-legal-term-ro"]')).to.contain('30 de zile');
    expect(await page.isChecked('input[name="catalogue-fee"]')).to.equal(false);
    expect(await page.locator('#catalogue-documents li').count()).to.equal(1);

    // A legal term without its legal basis: the message shows inline, and deploy refuses it.
    const basis = await page.inputValue('input[name="catalogue-legal-basis"]');
    await page.fill('input[name="catalogue-legal-basis"]', '');
    expect(await page.textContent('#catalogue-legalBasis-error')).to.equal('Indicați temeiul legal: orice termen arătat cetățenilor își citează sursa.');
    expect(await page.getAttribute('input[name="catalogue-legal-basis"]', 'aria-invalid')).to.equal('true');
    expect(await deploy(page)).to.equal('Datele pentru catalog au o problemă; corectați în fila Date pentru catalog.');
    expect((await s.api('/api/v1/procedures/petitie')).body.version).to.equal(1);
    await page.fill('input[name="catalogue-legal-basis"]', basis);
    expect(await page.textContent('#catalogue-legalBasis-error')).to.equal('');

    // A new summary, a fee of 10 RON and one more required document.
    await page.fill('textarea[name="catalogue-summary-ro"]', 'Sesizări și propuneri adresate primăriei; răspuns în 30 de zile.');
    await page.fill('textarea[name="catalogue-summary-en"]', 'Notices and proposals to the city hall; answered within 30 days.');
    await page.check('input[name="catalogue-fee"]');
    expect(await page.inputValue('input[name="catalogue-fee-currency"]')).to.equal('RON');
    await page.fill('input[name="catalogue-fee-amount"]', 'zece');
    expect(await page.textContent('#catalogue-fee-amount-error')).to.contain('Suma este un număr');
    await page.fill('input[name="catalogue-fee-amount"]', '10');
    expect(await page.textContent('#catalogue-fee-amount-error')).to.equal('');
    await page.click('[data-action="add-document"]');
    await page.fill('#catalogue-documents li:last-child input[name="catalogue-document-ro"]', 'Copie după actul de identitate');
    expect(await deploy(page)).to.equal('Versiunea 2 a fost publicată.');

    // The citizen catalogue shows the new data on version 2; the forms and templates carried over.
    const after = await s.api('/api/v1/procedures/petitie');
    expect(after.body.version).to.equal(2);
    expect(after.body.summary).to.deep.equal({ ro: 'Sesizări și propuneri adresate primăriei; răspuns în 30 de zile.', en: 'Notices and proposals to the city hall; answered within 30 days.' });
    expect(after.body.fee).to.deep.equal({ amount: 10, currency: 'RON' });
    expect(after.body.legalBasis).to.equal(basis);
    expect(after.body.legalTerm).to.deep.equal(before.body.legalTerm);
    expect(after.body.title).to.deep.equal({ ro: 'Petiție', en: 'Petition' });
    expect(after.body.documents).to.deep.equal([...before.body.documents, { ro: 'Copie după actul de identitate', en: 'Copie după actul de identitate' }]);
    expect(after.body.form).to.not.equal(null);
    expect(after.body.form).to.deep.equal(before.body.form);
    const pkg = await s.api('/api/v1/designer/procedures/petitie/package', { token: admin.token });
    expect(pkg.body.version).to.equal(2);
    expect(pkg.body.meta).to.include({ requestForm: 'cerere', answerTemplate: 'raspuns', answerTask: 'raspuns', register: 'intrari' });
    expect(pkg.body.meta.sources).to.have.property('term');
    expect(pkg.body.templates.raspuns).to.be.a('string');
    const forms = await s.api('/api/v1/procedures/petitie/forms', { token: admin.token });
    expect(forms.body.forms.length).to.be.greaterThan(1);

    // Version 1 from the versions panel: its diagram, with the notice; compare is set against it.
    await page.click('#tab-diagram');
    expect(await page.isHidden('#version-notice')).to.equal(true);
    await page.click('#versions button[data-action="open-version"][data-version="1"]');
    await page.waitForSelector('#version-notice:not([hidden])');
    expect(await page.textContent('#version-notice')).to.equal('Vedeți versiunea 1; publicarea creează o versiune nouă.');
    expect(await page.getAttribute('#versions li[data-version="1"]', 'aria-current')).to.equal('true');
    expect(await page.inputValue('#compare-from')).to.equal('1');
    expect(await page.inputValue('#compare-to')).to.equal('2');
    expect(await page.locator('.djs-element[data-element-id="raspuns"]').count()).to.equal(1);
    await page.click('[data-action="compare"]');
    await page.waitForFunction(() => document.querySelector('#compare-result')?.textContent?.includes('v1 → v2'));
    expect(await page.textContent('#compare-result')).to.contain('0 adăugate, 0 modificate, 0 eliminate');

    // The latest version again: no notice.
    await page.click('#versions button[data-action="open-version"][data-version="2"]');
    await page.waitForSelector('#version-notice', { state: 'hidden' });
    expect(await page.getAttribute('#versions li[data-version="2"]', 'aria-current')).to.equal('true');
  });

  it('opens a Camunda Modeler file with no diagram, lays it out, and deploys it; a MIWG model deploys or lists its problems', async () => {
    const page = await openDesigner('/designer/nou');
    await page.setInputFiles('input[data-action="open-file"]', { name: 'aviz.bpmn', mimeType: 'application/xml', buffer: Buffer.from(CAMUNDA) });
    await page.waitForFunction(() => document.querySelector('.dosar-status')?.textContent?.includes('aviz-camunda'));
    expect(await page.locator('.djs-element[data-element-id="Task_verificare"]').count()).to.equal(1);
    expect(await deploy(page)).to.equal('Versiunea 1 a fost publicată.');
    const model = await s.api('/api/v1/procedures/aviz-camunda/model', { token: (await s.user('admin@primarie.ro', 'admin')).token });
    expect(model.body.xml).to.contain('camunda:formKey="embedded:app:forms/verificare.html"').and.to.contain('${suma &gt; 1000}');

    const file = join(MIWG, 'A.2.0.bpmn');
    const xml = await readFile(file).catch(() => undefined);
    if (!xml) return;
    await page.setInputFiles('input[data-action="open-file"]', { name: 'A.2.0.bpmn', mimeType: 'application/xml', buffer: xml });
    await page.waitForFunction(() => document.querySelector('.dosar-status')?.textContent?.includes('S-a deschis'));
    const status = await deploy(page);
    if (status.startsWith('Modelul are')) expect(await page.locator('#problems li').count()).to.be.greaterThan(0);
    else expect(status).to.match(/^Versiunea \d+ a fost publicată\.$/);
  });
});

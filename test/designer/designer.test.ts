import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { buildDesigner } from '../../designer/build.ts';
import { hasChromium, launchChromium } from '../support/browser.ts';
import { inventory } from './model-inventory.ts';
import { CSRF, startStubServer, type StubServer } from './stub-server.ts';

const MIWG = resolve(import.meta.dirname, '../../../shared/conformance/miwg');

/** A gateway with an unconditioned flow and a task with a malformed term: two deploy problems. */
const BROKEN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:dosar="http://dosar.ro/schema/bpmn"
  id="defs" targetNamespace="http://dosar.ro/procedures">
  <bpmn:process id="stricat" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="analiza" name="Analiză" dosar:candidateGroups="urbanism" dosar:legalTerm="zece zile" />
    <bpmn:exclusiveGateway id="decizie" />
    <bpmn:endEvent id="aprobat" />
    <bpmn:endEvent id="respins" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="analiza" />
    <bpmn:sequenceFlow id="f2" sourceRef="analiza" targetRef="decizie" />
    <bpmn:sequenceFlow id="da" sourceRef="decizie" targetRef="aprobat"><bpmn:conditionExpression>aprobat = true</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="nu" sourceRef="decizie" targetRef="respins" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="stricat">
    <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="analiza_di" bpmnElement="analiza"><dc:Bounds x="190" y="78" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="decizie_di" bpmnElement="decizie" isMarkerVisible="true"><dc:Bounds x="340" y="93" width="50" height="50" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="aprobat_di" bpmnElement="aprobat"><dc:Bounds x="450" y="40" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="respins_di" bpmnElement="respins"><dc:Bounds x="450" y="160" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="118" /><di:waypoint x="190" y="118" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="290" y="118" /><di:waypoint x="340" y="118" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="da_di" bpmnElement="da"><di:waypoint x="365" y="93" /><di:waypoint x="365" y="58" /><di:waypoint x="450" y="58" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="nu_di" bpmnElement="nu"><di:waypoint x="365" y="143" /><di:waypoint x="365" y="178" /><di:waypoint x="450" y="178" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;

const FIXED = BROKEN.replace('dosar:legalTerm="zece zile"', 'dosar:legalTerm="10 working-days"').replace('<bpmn:exclusiveGateway id="decizie" />', '<bpmn:exclusiveGateway id="decizie" default="nu" />');

describe('the procedure designer in Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  let stub: StubServer;
  let assets: string;

  before(async function () {
    if (!hasChromium('journeys')) this.skip();
    this.timeout(120_000);
    assets = await mkdtemp(join(tmpdir(), 'dosar-designer-'));
    await buildDesigner(assets);
    stub = await startStubServer({ assets, models: { stricat: BROKEN } });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await stub?.close();
    if (assets) await rm(assets, { recursive: true, force: true });
  });

  async function open(query = ''): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    // tsx compiles the functions passed to page.evaluate with esbuild's keepNames helper.
    await page.addInitScript('window.__name = (f) => f');
    await page.goto(`${stub.base}/designer${query}`);
    await page.waitForSelector('#designer[data-ready="true"]', { timeout: 15_000 }).catch(() => {
      throw new Error(`designer did not start: ${errors.join('; ')}`);
    });
    return page;
  }

  const exportXml = (page: Page) => page.evaluate(() => window.dosarDesigner!.exportXml());

  /** Waits for a text field's debounced write to reach the model. */
  const waitForAttribute = (page: Page, elementId: string, read: string, expected: string) =>
    page.waitForFunction(([id, path, value]) => {
      let node: any = window.dosarDesigner!.modeler.get<any>('elementRegistry').get(id)?.businessObject;
      for (const key of path.split('.')) node = node?.get ? node.get(key) : node?.[key];
      return node === value;
    }, [elementId, read, expected] as const);

  /** Appends a user task to the start event of the new diagram and selects it. */
  async function drawUserTask(page: Page): Promise<void> {
    await page.evaluate(() => {
      const modeler = window.dosarDesigner!.modeler;
      const start = modeler.get<any>('elementRegistry').get('start');
      const task = modeler.get<any>('modeling').appendShape(start, { type: 'bpmn:UserTask' }, { x: 330, y: 178 });
      modeler.get<any>('modeling').updateProperties(task, { id: 'analiza' });
      modeler.get<any>('selection').select(task);
    });
    await page.waitForSelector('[data-group-id="group-dosar"]');
  }

  it('shows the palette in Romanian when data-lang is ro, and in English when it is en', async () => {
    const ro = await open();
    expect(await ro.getAttribute('.djs-palette [data-action="create.start-event"]', 'aria-label')).to.equal('Creează eveniment de început');
    expect(await ro.getAttribute('.djs-palette [data-action="create.user-task"]', 'aria-label')).to.equal('Creează activitate pentru funcționar');
    expect(await ro.textContent('[data-action="deploy"]')).to.equal('Publică');
    await ro.close();
    const en = await open('?lang=en');
    expect(await en.getAttribute('.djs-palette [data-action="create.start-event"]', 'aria-label')).to.equal('Create start event');
    await en.close();
  });

  it('offers no element the engine cannot execute, in the palette, the replace menu or the rules', async () => {
    const page = await open();
    const palette = await page.$$eval('.djs-palette .entry[data-action^="create."]', (nodes) => nodes.map((n) => n.getAttribute('data-action')));
    expect(palette).to.include.members(['create.start-event', 'create.exclusive-gateway', 'create.task', 'create.user-task']);
    const verdicts = await page.evaluate(() => {
      const modeler = window.dosarDesigner!.modeler;
      const rules = modeler.get<any>('rules');
      const factory = modeler.get<any>('elementFactory');
      const target = modeler.get<any>('canvas').getRootElement();
      const allowed = (type: string, eventDefinitionType?: string) =>
        rules.allowed('shape.create', { shape: factory.createShape({ type, ...(eventDefinitionType ? { eventDefinitionType } : {}) }), target, position: { x: 400, y: 300 } });
      return {
        complexGateway: allowed('bpmn:ComplexGateway'),
        scriptTask: allowed('bpmn:ScriptTask'),
        transaction: allowed('bpmn:Transaction'),
        signalStart: allowed('bpmn:StartEvent', 'bpmn:SignalEventDefinition'),
        cancelEnd: allowed('bpmn:EndEvent', 'bpmn:CancelEventDefinition'),
        exclusiveGateway: allowed('bpmn:ExclusiveGateway'),
        timerStart: allowed('bpmn:StartEvent', 'bpmn:TimerEventDefinition'),
        userTask: allowed('bpmn:UserTask'),
      };
    });
    expect(verdicts).to.deep.equal({ complexGateway: false, scriptTask: true, transaction: false, signalStart: true, cancelEnd: false, exclusiveGateway: true, timerStart: true, userTask: true });

    // The "change element" menu of a gateway lists only executable gateways.
    await page.evaluate(() => {
      const modeler = window.dosarDesigner!.modeler;
      const start = modeler.get<any>('elementRegistry').get('start');
      const gateway = modeler.get<any>('modeling').appendShape(start, { type: 'bpmn:ExclusiveGateway' }, { x: 330, y: 178 });
      modeler.get<any>('popupMenu').open(gateway, 'bpmn-replace', { x: 400, y: 300 });
    });
    const replace = await page.$$eval('.djs-popup [data-id]', (nodes) => nodes.map((n) => n.getAttribute('data-id')));
    expect(replace).to.include('replace-with-parallel-gateway');
    expect(replace).to.not.include('replace-with-complex-gateway');
    await page.close();
  });

  it('writes candidate groups and a legal term set in the properties panel, and undo takes them back', async () => {
    const page = await open();
    await drawUserTask(page);
    await page.selectOption('select[name="dosar-candidateGroups"]', 'urbanism');
    await page.fill('input[name="dosar-task-legalTerm-amount"]', '10');
    await waitForAttribute(page, 'analiza', 'dosar:legalTerm', '10 days');
    await page.selectOption('select[name="dosar-task-legalTerm-unit"]', 'working-days');
    const xml = await exportXml(page);
    expect(xml).to.match(/<bpmn:userTask id="analiza"[^>]*dosar:candidateGroups="urbanism"/);
    expect(xml).to.match(/<bpmn:userTask id="analiza"[^>]*dosar:legalTerm="10 working-days"/);

    await page.click('[data-action="undo"]');
    expect(await exportXml(page)).to.contain('dosar:legalTerm="10 days"');
    await page.click('[data-action="undo"]');
    await page.click('[data-action="undo"]');
    const undone = await exportXml(page);
    expect(undone).to.not.contain('dosar:legalTerm');
    expect(undone).to.not.contain('dosar:candidateGroups');
    expect(undone).to.contain('id="analiza"');

    await page.click('[data-action="redo"]');
    expect(await exportXml(page)).to.contain('dosar:candidateGroups="urbanism"');
    await page.close();
  });

  it('chooses a service task’s handler and fills its options from the handler’s schema, and undo takes an option back', async () => {
    const page = await open();
    await page.evaluate(() => {
      const modeler = window.dosarDesigner!.modeler;
      const start = modeler.get<any>('elementRegistry').get('start');
      const task = modeler.get<any>('modeling').appendShape(start, { type: 'bpmn:ServiceTask' }, { x: 330, y: 178 });
      modeler.get<any>('modeling').updateProperties(task, { id: 'email' });
      modeler.get<any>('selection').select(task);
    });
    await page.waitForSelector('select[name="dosar-handler"]');
    expect(await page.textContent('[data-entry-id="dosar-handler"] label')).to.equal('Operațiune automată');
    const choices = await page.$$eval('select[name="dosar-handler"] option', (nodes) => nodes.map((n) => (n as HTMLOptionElement).value));
    expect(choices).to.deep.equal(['', 'trimite-email', 'set-variables']);
    await page.selectOption('select[name="dosar-handler"]', 'trimite-email');
    await page.waitForSelector('input[name="dosar-option-to"]');
    expect(await page.textContent('[data-entry-id="dosar-handler"] .bio-properties-panel-description')).to.equal('Trimite un e-mail solicitantului.');
    expect(await page.textContent('[data-entry-id="dosar-option-to"] label')).to.equal('Destinatar');
    expect(await page.textContent('[data-entry-id="dosar-option-to"] .bio-properties-panel-description')).to.equal('Adresa de e-mail');

    await page.fill('input[name="dosar-option-to"]', 'maria@exemplu.ro');
    await page.waitForFunction(() => window.dosarDesigner!.modeler.get<any>('elementRegistry').get('email').businessObject.extensionElements?.values?.[0]?.values?.length === 1);
    const xml = await exportXml(page);
    expect(xml).to.match(/<bpmn:serviceTask id="email"[^>]*dosar:handler="trimite-email"/);
    expect(xml).to.match(/<bpmn:extensionElements>\s*<dosar:options>\s*<dosar:option name="to" value="maria@exemplu.ro" \/>\s*<\/dosar:options>/);

    // A value that is not a whole number is flagged and not written.
    await page.fill('input[name="dosar-option-attempts"]', 'trei');
    const error = page.locator('[data-entry-id="dosar-option-attempts"] .bio-properties-panel-error');
    await error.waitFor();
    expect(await error.textContent()).to.equal('Un număr întreg');
    await page.waitForTimeout(800);
    expect(await exportXml(page)).to.not.contain('name="attempts"');
    await page.fill('input[name="dosar-option-attempts"]', '3');
    await error.waitFor({ state: 'detached' });
    await page.waitForFunction(() => window.dosarDesigner!.modeler.get<any>('elementRegistry').get('email').businessObject.extensionElements?.values?.[0]?.values?.length === 2);
    expect(await exportXml(page)).to.contain('<dosar:option name="attempts" value="3" />');

    await page.click('[data-action="undo"]');
    const undone = await exportXml(page);
    expect(undone).to.not.contain('name="attempts"');
    expect(undone).to.contain('<dosar:option name="to" value="maria@exemplu.ro" />');
    await page.click('[data-action="undo"]');
    const bare = await exportXml(page);
    expect(bare).to.not.contain('dosar:options').and.not.contain('extensionElements');
    expect(bare).to.contain('dosar:handler="trimite-email"');
    await page.close();
  });

  it('offers name = value rows for a handler that takes any option', async () => {
    const page = await open('?lang=en');
    await page.evaluate(() => {
      const modeler = window.dosarDesigner!.modeler;
      const start = modeler.get<any>('elementRegistry').get('start');
      const task = modeler.get<any>('modeling').appendShape(start, { type: 'bpmn:ServiceTask' }, { x: 330, y: 178 });
      modeler.get<any>('modeling').updateProperties(task, { id: 'seteaza' });
      modeler.get<any>('selection').select(task);
    });
    await page.selectOption('select[name="dosar-handler"]', 'set-variables');
    await page.click('[data-group-id="group-dosar-options"] .bio-properties-panel-add-entry');
    await page.fill('input[name="dosar-options-0-name"]', 'stare');
    await waitForAttribute(page, 'seteaza', 'extensionElements.values.0.values.0.name', 'stare');
    await page.fill('input[name="dosar-options-0-value"]', 'aprobat');
    await waitForAttribute(page, 'seteaza', 'extensionElements.values.0.values.0.value', 'aprobat');
    expect(await exportXml(page)).to.contain('<dosar:option name="stare" value="aprobat" />');
    await page.click('[data-group-id="group-dosar-options"] .bio-properties-panel-remove-entry');
    expect(await exportXml(page)).to.not.contain('dosar:option');
    await page.close();
  });

  it('shows a FEEL syntax error under a flow condition while it is typed', async () => {
    const page = await open();
    await page.evaluate(async () => window.dosarDesigner!.importXml(await (await fetch('/api/v1/procedures/stricat/model')).json().then((m: { xml: string }) => m.xml)));
    await page.evaluate(() => {
      const modeler = window.dosarDesigner!.modeler;
      modeler.get<any>('selection').select(modeler.get<any>('elementRegistry').get('nu'));
    });
    const input = 'input[name="dosar-condition"]';
    await page.fill(input, 'suma > ');
    const error = page.locator('[data-entry-id="dosar-condition"] .bio-properties-panel-error');
    await error.waitFor();
    expect(await error.textContent()).to.match(/^Eroare de sintaxă FEEL la poziția \d+/);
    await page.fill(input, 'suma > 1000');
    await error.waitFor({ state: 'detached' });
    await waitForAttribute(page, 'nu', 'conditionExpression.body', 'suma > 1000');
    expect(await exportXml(page)).to.match(/<bpmn:conditionExpression[^>]*>suma &gt; 1000</);
    await page.close();
  });

  it('turns a sub-process ad-hoc from its menu and writes when it is done, checking the FEEL', async () => {
    const page = await open();
    await page.evaluate(() => {
      const modeler = window.dosarDesigner!.modeler;
      const start = modeler.get<any>('elementRegistry').get('start');
      const sub = modeler.get<any>('modeling').appendShape(start, { type: 'bpmn:SubProcess', isExpanded: true }, { x: 500, y: 200 });
      modeler.get<any>('modeling').updateProperties(sub, { id: 'verificari' });
      modeler.get<any>('popupMenu').open(sub, 'bpmn-replace', { x: 400, y: 300 });
    });
    await page.click('.djs-popup [data-id="replace-with-ad-hoc-subprocess"]');
    await page.evaluate(() => {
      const modeler = window.dosarDesigner!.modeler;
      modeler.get<any>('selection').select(modeler.get<any>('elementRegistry').get('verificari'));
    });
    const input = 'input[name="dosar-completion"]';
    await page.fill(input, 'respins = ');
    const error = page.locator('[data-entry-id="dosar-completion"] .bio-properties-panel-error');
    await error.waitFor();
    await page.fill(input, 'respins = true');
    await error.waitFor({ state: 'detached' });
    await waitForAttribute(page, 'verificari', 'completionCondition.body', 'respins = true');
    expect(await exportXml(page)).to.match(/<bpmn:adHocSubProcess id="verificari"[^>]*>[\s\S]*<bpmn:completionCondition[^>]*>respins = true</);
    await page.close();
  });

  it('writes a script task\'s FEEL script and result variable from the panel, checking the FEEL as it is typed', async () => {
    const page = await open();
    await page.evaluate(() => {
      const modeler = window.dosarDesigner!.modeler;
      const start = modeler.get<any>('elementRegistry').get('start');
      const task = modeler.get<any>('modeling').appendShape(start, { type: 'bpmn:ScriptTask' }, { x: 330, y: 178 });
      modeler.get<any>('modeling').updateProperties(task, { id: 'taxa' });
      modeler.get<any>('selection').select(task);
    });
    await page.fill('input[name="dosar-script"]', 'suprafata * ');
    const error = page.locator('[data-entry-id="dosar-script"] .bio-properties-panel-error');
    await error.waitFor();
    expect(await error.textContent()).to.match(/^Eroare de sintaxă FEEL la poziția \d+/);
    await page.fill('input[name="dosar-script"]', 'suprafata * 2.5');
    await error.waitFor({ state: 'detached' });
    await waitForAttribute(page, 'taxa', 'script', 'suprafata * 2.5');
    await page.fill('input[name="dosar-script-result"]', 'taxa');
    await waitForAttribute(page, 'taxa', 'dosar:resultVariable', 'taxa');
    // With a script written, the task runs it in the step: no handler is offered beside it.
    expect(await page.locator('[data-entry-id="dosar-handler"]').count()).to.equal(0);
    const xml = await exportXml(page);
    expect(xml).to.match(/<bpmn:scriptTask id="taxa" scriptFormat="feel" dosar:resultVariable="taxa">/);
    expect(xml).to.contain('<bpmn:script>suprafata * 2.5</bpmn:script>');
    await page.close();
  });

  it('shows the date a timer would fire next, for an ISO duration typed in the panel', async () => {
    const page = await open('?lang=en');
    await page.evaluate(() => {
      const modeler = window.dosarDesigner!.modeler;
      const start = modeler.get<any>('elementRegistry').get('start');
      const timer = modeler.get<any>('modeling').appendShape(start, { type: 'bpmn:IntermediateCatchEvent', eventDefinitionType: 'bpmn:TimerEventDefinition' }, { x: 330, y: 178 });
      modeler.get<any>('selection').select(timer);
    });
    await page.fill('input[name="dosar-timer-value"]', 'P10D');
    const hint = page.locator('[data-entry-id="dosar-timer-value"] .bio-properties-panel-description');
    await hint.waitFor();
    const expected = await page.evaluate(() => new Date(Date.now() + 10 * 86_400_000).toLocaleDateString('en-GB', { dateStyle: 'full' }));
    expect(await hint.textContent()).to.contain(`Next: ${expected}`);
    expect(await exportXml(page)).to.match(/<bpmn:timeDuration[^>]*>P10D</);
    await page.close();
  });

  it('shows the problems of a refused deploy in the list and on the diagram, and a good deploy’s version', async () => {
    const page = await open('?key=stricat');
    const result = await page.evaluate(() => window.dosarDesigner!.deploy());
    expect(result.ok).to.equal(false);
    expect(stub.deploys.at(-1)).to.deep.equal({ csrf: CSRF, contentType: 'application/xml', status: 422 });
    const listed = await page.$$eval('#problems li', (items) => items.map((li) => li.getAttribute('data-element-id')));
    expect(listed).to.include.members(['analiza', 'nu']);
    expect(await page.locator('.djs-element.dosar-problem[data-element-id="analiza"]').count()).to.equal(1);
    expect(await page.locator('.djs-element.dosar-problem[data-element-id="nu"]').count()).to.equal(1);
    expect(await page.locator('.dosar-problem-overlay').count()).to.be.greaterThan(0);

    await page.click('#problems li[data-element-id="analiza"] button');
    expect(await page.evaluate(() => window.dosarDesigner!.modeler.get<any>('selection').get().map((e: { id: string }) => e.id))).to.deep.equal(['analiza']);

    await page.evaluate((xml) => window.dosarDesigner!.importXml(xml), FIXED);
    await page.click('[data-action="deploy"]');
    await page.waitForSelector('.dosar-status[data-kind="success"]');
    expect(await page.textContent('.dosar-status')).to.equal('Versiunea 1 a fost publicată.');
    expect(await page.locator('.dosar-problem').count()).to.equal(0);
    expect(await page.locator('#problems li').count()).to.equal(0);
    await page.close();
  });

  it('opens every BPMN MIWG reference model and exports it again without losing elements or diagram information', async function () {
    const files = (await readdir(MIWG)).filter((f) => f.endsWith('.bpmn')).sort();
    if (files.length === 0) this.skip();
    const page = await open();
    const warnings: string[] = [];
    for (const file of files) {
      const xml = await readFile(join(MIWG, file), 'utf8');
      const result = await page.evaluate(async (text) => {
        const { warnings } = await window.dosarDesigner!.importXml(text);
        return { warnings, xml: await window.dosarDesigner!.exportXml() };
      }, xml);
      if (result.warnings.length > 0) warnings.push(`${file}: ${result.warnings.length} import warnings (${result.warnings[0]})`);
      const before = await inventory(xml);
      const after = await inventory(result.xml);
      expect(after.elements, `${file}: elements`).to.deep.equal(before.elements);
      expect(after.drawn, `${file}: diagram`).to.deep.equal(before.drawn);
    }
    if (warnings.length > 0) console.log(`      MIWG import warnings:\n        ${warnings.join('\n        ')}`);
    await page.close();
  });
});

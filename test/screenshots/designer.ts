import type { Browser, Page } from 'playwright-core';
import type { Database } from '../../engine/index.ts';
import { startTestServer } from '../support/server.ts';
import type { Shot } from './shots.ts';

/**
 * The analysts' designer: the list of procedures, the modeler on the petition, the forms tab with
 * its live preview and field list, a refused deploy with its markers, and two versions compared.
 */
export async function designerShots(browser: Browser, db: Database, shot: Shot): Promise<void> {
  const s = await startTestServer(db, undefined, { designer: true });
  const analyst = await s.user('analist.designer@primarie.ro', 'analyst');
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ro-RO' });
  // tsx compiles the functions passed to page.evaluate with esbuild's keepNames helper.
  await context.addInitScript('window.__name = (f) => f');
  try {
    const page = await context.newPage();
    await page.goto(`${s.base}/login`);
    await page.fill('#email', analyst.email);
    await page.fill('#password', analyst.password);
    await page.click('button[type=submit]');
    await page.waitForLoadState();

    await page.goto(`${s.base}/designer`);
    await shot(page, 'designer/list');

    await page.goto(`${s.base}/designer/proceduri/petitie`);
    await page.waitForSelector('#designer[data-ready="true"]');
    await select(page, 'triere');
    await page.waitForSelector('[data-group-id="group-dosar"]');
    await shot(page, 'designer/modeler-petitie');

    await page.click('#tab-forms');
    await page.evaluate(() => window.dosarDesigner!.formsPanel.flushPreview());
    await page.waitForSelector('iframe.dosar-form-preview[data-state="ready"]');
    await shot(page, 'designer/forms-preview');
    await page.fill('input[name="field-name"]', 'nrCadastral');
    await page.fill('input[name="field-label-ro"]', 'Număr cadastral (opțional)');
    await page.fill('input[name="field-label-en"]', 'Land registry number (optional)');
    await page.click('[data-action="add-field"]');
    await page.evaluate(() => window.dosarDesigner!.formsPanel.flushPreview());
    await page.waitForSelector('iframe.dosar-form-preview[data-state="ready"]');
    await shot(page, 'designer/forms-field-added');
    await page.fill('#form-schema', (await page.inputValue('#form-schema')).replace('"type": "object"', '"type": "obiect"'));
    await page.waitForSelector('#form-problems li');
    await shot(page, 'designer/forms-schema-error');

    // A refused deploy: a condition that does not parse and a flow with no condition.
    await page.goto(`${s.base}/designer/proceduri/petitie`);
    await page.waitForSelector('#designer[data-ready="true"]');
    await page.evaluate(() => {
      const modeler = window.dosarDesigner!.modeler;
      const registry = modeler.get<any>('elementRegistry');
      const modeling = modeler.get<any>('modeling');
      const flow = registry.get('spreClasare');
      modeling.updateModdleProperties(flow, flow.businessObject.conditionExpression, { body: 'anonima = ' });
      modeling.updateProperties(registry.get('spreRedirectionare'), { conditionExpression: undefined });
    });
    await page.click('[data-action="deploy"]');
    await page.waitForSelector('.djs-element.dosar-problem', { state: 'attached' });
    await shot(page, 'designer/deploy-problems');

    // A second version, then both compared on the diagram.
    await page.reload();
    await page.waitForSelector('#designer[data-ready="true"]');
    await select(page, 'triere');
    await page.fill('input[name="dosar-task-legalTerm-amount"]', '3');
    await page.waitForFunction(() => window.dosarDesigner!.modeler.get<any>('elementRegistry').get('triere').businessObject.get('dosar:legalTerm') === '3 days');
    await page.click('[data-action="deploy"]');
    await page.waitForSelector('.dosar-status[data-kind="success"]');
    await page.click('[data-action="compare"]');
    await page.waitForSelector('.djs-element.dosar-changed', { state: 'attached' });
    await select(page, 'triere');
    await shot(page, 'designer/versions-compare');
  } finally {
    await context.close();
    await s.close();
  }
}

function select(page: Page, id: string): Promise<void> {
  return page.evaluate((elementId) => {
    const modeler = window.dosarDesigner!.modeler;
    modeler.get<any>('selection').select(modeler.get<any>('elementRegistry').get(elementId));
  }, id);
}

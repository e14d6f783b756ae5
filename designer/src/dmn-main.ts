import DmnModeler from 'dmn-js/lib/Modeler.js';
import { h } from './dom.ts';
import { dmnMessagesFor } from './dmn-messages.ts';
import { ROMANIAN_DMN } from './modules/translate/romanian-dmn.ts';
import { translateModule } from './modules/translate/translate-module.ts';

/**
 * The decision-table page (/designer/decizii/:key): dmn-js's editor on the latest deployed version of
 * one decision, opened on that decision's table; "Deploy new version" sends the whole edited DMN file
 * to POST /decisions, which makes every decision in it the next version of its id.
 */

interface Problem { code?: string; elementId?: string; message: string }

type DmnDeployResult =
  | { ok: true; version: number | undefined; decisions: Array<{ key: string; version: number }> }
  | { ok: false; message: string; problems: Problem[] };

/** What the browser tests drive. */
interface DosarDecisionTable {
  modeler: DmnModeler;
  exportXml(): Promise<string>;
  deploy(): Promise<DmnDeployResult>;
}

declare global {
  interface Window {
    dosarDecisionTable?: DosarDecisionTable;
  }
}

async function start(container: HTMLElement): Promise<void> {
  const data = container.dataset;
  const lang = data.lang === 'en' ? 'en' : 'ro';
  const api = (data.api ?? '/api/v1').replace(/\/+$/, '');
  const csrf = data.csrf ?? '';
  const key = data.key ?? '';
  const text = dmnMessagesFor(lang);

  const deployButton = h('button', { type: 'button', className: 'dosar-primary', id: 'dmn-deploy', disabled: true }, text.deploy);
  const toolbar = h('div', { className: 'dosar-toolbar', role: 'toolbar', 'aria-label': text.deploy }, deployButton);
  const status = h('p', { className: 'dosar-status', id: 'dmn-status', role: 'status', 'aria-live': 'polite' }, text.loading);
  const canvas = h('div', { className: 'dmn-designer-canvas', id: 'dmn-canvas' });
  const problemList = h('ul', { className: 'dosar-problem-list', id: 'dmn-problems' });
  const problemsSection = h('section', { className: 'dosar-problems', 'aria-labelledby': 'dmn-problems-title', hidden: true },
    h('h2', { className: 'dosar-problems-title', id: 'dmn-problems-title' }, text.problemsTitle), problemList);
  container.replaceChildren(toolbar, status, canvas, problemsSection);

  const setStatus = (message: string, kind: 'info' | 'success' | 'error' = 'info') => {
    status.textContent = message;
    status.dataset.kind = kind;
  };
  const showProblems = (problems: Problem[]) => {
    problemList.replaceChildren(...problems.map((p) => h('li', { className: 'dosar-problem-item' }, p.elementId ? `${p.elementId}: ${p.message}` : p.message)));
    problemsSection.hidden = problems.length === 0;
  };

  // dmn-js takes additional modules per view (its `common` ones are replaced by each view's).
  const translated = { additionalModules: [translateModule(lang, ROMANIAN_DMN)] };
  const modeler = new DmnModeler({ container: canvas, drd: translated, decisionTable: translated, literalExpression: translated });
  const exportXml = async () => (await modeler.saveXML({ format: true })).xml;

  const deploy = async (): Promise<DmnDeployResult> => {
    showProblems([]);
    setStatus(text.deploying);
    deployButton.disabled = true;
    try {
      const response = await fetch(`${api}/decisions`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/xml', 'X-CSRF-Token': csrf, Accept: 'application/json', 'Accept-Language': lang },
        body: await exportXml(),
      });
      const body = (await response.json().catch(() => ({}))) as { decisions?: Array<{ key: string; version: number }>; error?: { message?: string; problems?: Problem[] } };
      if (response.ok && body.decisions) {
        const version = body.decisions.find((d) => d.key === key)?.version;
        setStatus(text.deployed(version ?? body.decisions[0]?.version ?? 0), 'success');
        container.dataset.version = String(version ?? '');
        return { ok: true, version, decisions: body.decisions };
      }
      const problems = body.error?.problems ?? [];
      showProblems(problems);
      const message = body.error?.message ?? `HTTP ${response.status}`;
      setStatus(problems.length > 0 ? `${text.invalid(problems.length)} ${message}` : text.failed(message), 'error');
      return { ok: false, message, problems };
    } catch (err) {
      setStatus(text.failed((err as Error).message), 'error');
      return { ok: false, message: (err as Error).message, problems: [] };
    } finally {
      deployButton.disabled = false;
    }
  };
  deployButton.addEventListener('click', () => void deploy());
  window.dosarDecisionTable = { modeler, exportXml, deploy };

  try {
    const response = await fetch(`${api}/decisions/${encodeURIComponent(key)}/model`, { credentials: 'same-origin', headers: { Accept: 'application/json', 'Accept-Language': lang } });
    const body = (await response.json().catch(() => ({}))) as { version?: number; xml?: string; error?: { message?: string } };
    if (!response.ok || typeof body.xml !== 'string') throw new Error(body.error?.message ?? `HTTP ${response.status}`);
    await modeler.importXML(body.xml);
    const view = modeler.getViews().find((v) => v.element.id === key && v.type !== 'drd');
    if (view) await modeler.open(view);
    else setStatus(text.noTable(key), 'error');
    if (view) setStatus(text.loaded(body.version ?? 0));
    container.dataset.version = String(body.version ?? '');
    deployButton.disabled = false;
  } catch (err) {
    setStatus(text.loadFailed((err as Error).message), 'error');
  }
  container.dataset.ready = 'true';
}

document.addEventListener('DOMContentLoaded', () => {
  const container = document.getElementById('dmn-designer');
  if (container) void start(container);
});

import DmnModeler from 'dmn-js/lib/Modeler.js';
import { h } from './dom.ts';
import { dmnMessagesFor, type DmnMessages } from './dmn-messages.ts';

/**
 * The decision-table page (/designer/decizii/:key): dmn-js's editor on the latest deployed version of
 * one decision, opened on that decision's table; "Deploy new version" sends the whole edited DMN file
 * to POST /decisions, which makes every decision in it the next version of its id.
 */

interface Problem { code?: string; elementId?: string; message: string }

export type DmnDeployResult =
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

/** dmn-js v17's constructor is a real ES class; esbuild hands over the default export. */
const Modeler = DmnModeler as unknown as typeof DmnModeler;

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

  const modeler = new Modeler({ container: canvas });
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

  // Labels for what dmn-js draws without one, again after every redraw of the table.
  modeler.on('views.changed', () => labelControls(canvas, text));
  new MutationObserver(() => labelControls(canvas, text)).observe(canvas, { childList: true, subtree: true });

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
    labelControls(canvas, text);
  } catch (err) {
    setStatus(text.loadFailed((err as Error).message), 'error');
  }
  container.dataset.ready = 'true';
}

/**
 * dmn-js's table cells are contenteditable divs with no accessible name, and some of its buttons
 * carry only an icon: each gets a name here (axe-core's "aria-input-field-name", "button-name").
 */
function labelControls(root: HTMLElement, text: DmnMessages): void {
  for (const cell of root.querySelectorAll<HTMLElement>('[contenteditable="true"]:not([aria-label])')) {
    const td = cell.closest('td, th');
    const row = td?.parentElement;
    const rowIndex = row ? Array.from(row.parentElement?.children ?? []).indexOf(row) + 1 : 0;
    const columnIndex = td && row ? Array.from(row.children).indexOf(td) : 0;
    if (!cell.getAttribute('role')) cell.setAttribute('role', 'textbox');
    cell.setAttribute('aria-label', text.cell(rowIndex, columnIndex));
  }
}

document.addEventListener('DOMContentLoaded', () => {
  const container = document.getElementById('dmn-designer');
  if (container) void start(container);
});

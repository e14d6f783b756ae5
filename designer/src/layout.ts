import type { Messages } from './messages.ts';

export type View = 'diagram' | 'forms' | 'catalogue';

const VIEWS: View[] = ['diagram', 'forms', 'catalogue'];

export interface Layout {
  toolbar: HTMLElement;
  status: HTMLElement;
  /** Which version the diagram shows, when it is not the latest. */
  notice: HTMLElement;
  canvas: HTMLElement;
  panel: HTMLElement;
  versions: HTMLElement;
  forms: HTMLElement;
  catalogue: HTMLElement;
  problems: HTMLUListElement;
  /** Shows one view; `onShow` listeners learn which. */
  show(view: View): void;
  onShow(listener: (view: View) => void): void;
}

/**
 * Toolbar on top, then three tabs: the diagram (versions, canvas and properties panel side by side),
 * the forms and the catalogue data; deploy problems underneath all.
 */
export function createLayout(container: HTMLElement, text: Messages): Layout {
  container.classList.add('dosar-designer');
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, attrs: Record<string, string> = {}) => {
    const node = document.createElement(tag);
    node.className = className;
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    return node;
  };
  const toolbar = el('div', 'dosar-toolbar', { role: 'toolbar', 'aria-label': text.toolbar });
  const status = el('p', 'dosar-status', { role: 'status', 'aria-live': 'polite' });
  const notice = el('p', 'dosar-notice', { id: 'version-notice', role: 'note' });
  notice.hidden = true;

  const tabs = el('div', 'dosar-tabs', { role: 'tablist', 'aria-label': text.views });
  const tab = (view: View, label: string) => {
    const node = el('button', 'dosar-tab', { type: 'button', role: 'tab', id: `tab-${view}`, 'aria-controls': `view-${view}`, 'data-view': view });
    node.textContent = label;
    return node;
  };
  const tabButtons: Record<View, HTMLElement> = { diagram: tab('diagram', text.diagramTab), forms: tab('forms', text.formsTab), catalogue: tab('catalogue', text.catalogueTab) };
  tabs.append(...VIEWS.map((view) => tabButtons[view]));

  const main = el('div', 'dosar-main dosar-view', { id: 'view-diagram', role: 'tabpanel', 'aria-labelledby': 'tab-diagram' });
  const versions = el('aside', 'dosar-versions', { 'aria-labelledby': 'versions-title' });
  const canvas = el('div', 'dosar-canvas', { role: 'region', 'aria-label': text.canvas });
  const panel = el('aside', 'dosar-panel', { 'aria-label': text.panel });
  main.append(versions, canvas, panel);
  const forms = el('div', 'dosar-view dosar-forms', { id: 'view-forms', role: 'tabpanel', 'aria-labelledby': 'tab-forms' });
  const catalogue = el('div', 'dosar-view dosar-catalogue', { id: 'view-catalogue', role: 'tabpanel', 'aria-labelledby': 'tab-catalogue' });

  const problemsSection = el('section', 'dosar-problems', { 'aria-labelledby': 'problems-title' });
  const title = el('h2', 'dosar-problems-title', { id: 'problems-title' });
  title.textContent = text.problems;
  const problems = el('ul', 'dosar-problem-list', { id: 'problems' });
  problemsSection.append(title, problems);
  container.replaceChildren(toolbar, status, notice, tabs, main, forms, catalogue, problemsSection);

  const listeners: Array<(view: View) => void> = [];
  const show = (view: View) => {
    for (const [name, button] of Object.entries(tabButtons)) {
      const selected = name === view;
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
    }
    main.hidden = view !== 'diagram';
    forms.hidden = view !== 'forms';
    catalogue.hidden = view !== 'catalogue';
    container.dataset.view = view;
    for (const listener of listeners) listener(view);
  };
  for (const view of VIEWS) tabButtons[view].addEventListener('click', () => show(view));
  tabs.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    const at = VIEWS.indexOf(container.dataset.view as View);
    const next = VIEWS[(at + (event.key === 'ArrowRight' ? 1 : VIEWS.length - 1)) % VIEWS.length]!;
    show(next);
    tabButtons[next].focus();
  });
  show('diagram');
  return { toolbar, status, notice, canvas, panel, versions, forms, catalogue, problems, show, onShow: (listener) => listeners.push(listener) };
}

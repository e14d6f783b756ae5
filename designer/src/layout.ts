import type { Messages } from './messages.ts';

export interface Layout {
  toolbar: HTMLElement;
  status: HTMLElement;
  canvas: HTMLElement;
  panel: HTMLElement;
  problems: HTMLUListElement;
}

/** Toolbar on top, canvas and properties panel side by side, problems underneath. */
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
  const main = el('div', 'dosar-main');
  const canvas = el('div', 'dosar-canvas', { role: 'region', 'aria-label': text.canvas });
  const panel = el('aside', 'dosar-panel', { 'aria-label': text.panel });
  main.append(canvas, panel);
  const problemsSection = el('section', 'dosar-problems', { 'aria-labelledby': 'problems-title' });
  const title = el('h2', 'dosar-problems-title', { id: 'problems-title' });
  title.textContent = text.problems;
  const problems = el('ul', 'dosar-problem-list', { id: 'problems' });
  problemsSection.append(title, problems);
  container.replaceChildren(toolbar, status, main, problemsSection);
  return { toolbar, status, canvas, panel, problems };
}

import type { Problem } from './api.ts';
import { problemText } from './problem-text.ts';

interface Services {
  canvas: { addMarker(id: string, marker: string): void; removeMarker(id: string, marker: string): void; scrollToElement(element: unknown): void };
  overlays: { add(id: string, type: string, overlay: { position: Record<string, number>; html: HTMLElement }): string; remove(filter: { type: string }): void };
  elementRegistry: { get(id: string): unknown };
  selection: { select(element: unknown): void };
}

const MARKER = 'dosar-problem';
const OVERLAY = 'dosar-problem';

/** Deploy problems, shown both in the #problems list and on their diagram elements. */
export class ProblemView {
  private marked: string[] = [];

  constructor(private readonly list: HTMLUListElement, private readonly services: () => Services, private readonly lang: 'ro' | 'en' = 'ro') {}

  clear(): void {
    const { canvas, overlays } = this.services();
    for (const id of this.marked) canvas.removeMarker(id, MARKER);
    overlays.remove({ type: OVERLAY });
    this.marked = [];
    this.list.replaceChildren();
  }

  show(problems: Problem[]): void {
    this.clear();
    const { canvas, overlays, elementRegistry, selection } = this.services();
    const messages = new Map<string, string[]>();
    for (const problem of problems) {
      const { text, detail } = problemText(problem, this.lang);
      // The checker's English words stay as a marked technical detail (FEEL and BPMN specifics).
      const details = detail ? [document.createElement('small')] : [];
      for (const small of details) { small.className = 'dosar-problem-detail'; small.lang = 'en'; small.textContent = ` (${detail})`; }
      const element = problem.elementId ? elementRegistry.get(problem.elementId) : undefined;
      const item = document.createElement('li');
      item.className = 'dosar-problem-item';
      item.dataset.code = problem.code;
      if (problem.elementId) item.dataset.elementId = problem.elementId;
      if (element) {
        // A button, so the problem can be reached and opened from the keyboard.
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = text;
        button.addEventListener('click', () => {
          selection.select(element);
          canvas.scrollToElement(element);
        });
        item.append(button, ...details);
        messages.set(problem.elementId!, [...(messages.get(problem.elementId!) ?? []), text]);
      } else {
        item.append(text, ...details);
      }
      this.list.append(item);
    }
    for (const [id, texts] of messages) {
      canvas.addMarker(id, MARKER);
      this.marked.push(id);
      const html = document.createElement('div');
      html.className = 'dosar-problem-overlay';
      html.textContent = texts.join('\n');
      overlays.add(id, OVERLAY, { position: { bottom: -6, left: 0 }, html });
    }
  }
}

import type { Messages } from './messages.ts';

export interface ToolbarActions {
  newDiagram(): void;
  openFile(xml: string): void;
  download(): void;
  deploy(): void;
  undo(): void;
  redo(): void;
}

/** New, Open, Download, Deploy, Undo, Redo: real buttons, so they work from the keyboard. */
export function createToolbar(toolbar: HTMLElement, text: Messages, actions: ToolbarActions): { setHistory(canUndo: boolean, canRedo: boolean): void } {
  const button = (name: string, label: string, onClick: () => void) => {
    const node = document.createElement('button');
    node.type = 'button';
    node.dataset.action = name;
    node.textContent = label;
    node.addEventListener('click', onClick);
    return node;
  };
  const file = document.createElement('input');
  file.type = 'file';
  file.accept = '.bpmn,.xml,application/xml,text/xml';
  file.hidden = true;
  file.dataset.action = 'open-file';
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (chosen) actions.openFile(await chosen.text());
    file.value = '';
  });
  const undo = button('undo', text.undo, actions.undo);
  const redo = button('redo', text.redo, actions.redo);
  const deploy = button('deploy', text.deploy, actions.deploy);
  deploy.classList.add('dosar-primary');
  toolbar.append(
    button('new', text.new, actions.newDiagram),
    button('open', text.open, () => file.click()),
    file,
    button('download', text.download, actions.download),
    undo,
    redo,
    deploy,
  );
  return {
    setHistory(canUndo, canRedo) {
      undo.disabled = !canUndo;
      redo.disabled = !canRedo;
    },
  };
}

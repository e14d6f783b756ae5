import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import dosarModdle from '../../engine/model/moddle-extension.json' with { type: 'json' };
import { Modeler } from './bpmn-js.ts';
import { DesignerApi, type DeployResult } from './api.ts';
import { readConfig } from './config.ts';
import { EMPTY_DIAGRAM } from './empty-diagram.ts';
import { createLayout } from './layout.ts';
import { messagesFor } from './messages.ts';
import KeepUndrawnDi from './modules/behaviours/keep-undrawn-di.ts';
import ExecutablePalette from './modules/palette/executable-palette.ts';
import ExecutableReplaceMenu from './modules/palette/executable-replace-menu.ts';
import UserTaskEntry from './modules/palette/user-task-entry.ts';
import DosarPropertiesProvider from './modules/properties/dosar-provider.ts';
import { lookupsModule } from './modules/properties/lookups.ts';
import ExecutableOnlyRules from './modules/rules/executable-only.ts';
import { translateModule } from './modules/translate/translate-module.ts';
import { ProblemView } from './problems.ts';
import { createToolbar } from './toolbar.ts';

/** What the page and the browser tests drive. */
export interface DosarDesigner {
  modeler: Modeler;
  importXml(xml: string): Promise<{ warnings: string[] }>;
  exportXml(): Promise<string>;
  deploy(): Promise<DeployResult>;
}

declare global {
  interface Window {
    dosarDesigner?: DosarDesigner;
  }
}

async function start(container: HTMLElement): Promise<void> {
  const config = readConfig(container);
  const text = messagesFor(config.lang);
  const api = new DesignerApi(config);
  const layout = createLayout(container, text);
  const setStatus = (message: string, kind: 'info' | 'success' | 'error' = 'info') => {
    layout.status.textContent = message;
    layout.status.dataset.kind = kind;
  };

  // Choices for the panel, fetched once; the designer still works when they fail.
  const [departments, forms] = await Promise.all([api.departments(), config.key ? api.forms(config.key) : Promise.resolve(undefined)]);

  const modeler = new Modeler({
    container: layout.canvas,
    propertiesPanel: { parent: layout.panel },
    moddleExtensions: { dosar: dosarModdle },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      translateModule(config.lang),
      lookupsModule({ lang: config.lang, departments, ...(forms ? { forms } : {}) }),
      ExecutableOnlyRules,
      ExecutablePalette,
      UserTaskEntry,
      ExecutableReplaceMenu,
      DosarPropertiesProvider,
      KeepUndrawnDi,
    ],
  });
  const problems = new ProblemView(layout.problems, () => ({
    canvas: modeler.get('canvas'),
    overlays: modeler.get('overlays'),
    elementRegistry: modeler.get('elementRegistry'),
    selection: modeler.get('selection'),
  }));
  const commandStack = modeler.get<{ canUndo(): boolean; canRedo(): boolean; undo(): void; redo(): void }>('commandStack');

  const importXml = async (xml: string) => {
    problems.clear();
    const { warnings } = await modeler.importXML(xml);
    modeler.get<{ zoom(level: string): void }>('canvas').zoom('fit-viewport');
    if (warnings.length > 0) setStatus(text.importWarnings(warnings.length));
    return { warnings: warnings.map((w: unknown) => String((w as { message?: string }).message ?? w)) };
  };
  const exportXml = async () => (await modeler.saveXML({ format: true })).xml ?? '';
  const deploy = async (): Promise<DeployResult> => {
    problems.clear();
    setStatus(text.deploying);
    try {
      const result = await api.deploy(await exportXml());
      if (result.ok) {
        setStatus(text.deployed(result.deployed[0]?.version ?? 1), 'success');
      } else {
        problems.show(result.problems);
        setStatus(result.problems.length > 0 ? text.invalid(result.problems.length) : text.failed(result.message), 'error');
      }
      return result;
    } catch (err) {
      setStatus(text.failed((err as Error).message), 'error');
      return { ok: false, status: 0, message: (err as Error).message, problems: [] };
    }
  };

  const history = createToolbar(layout.toolbar, text, {
    newDiagram: () => {
      if (commandStack.canUndo() && !window.confirm(text.confirmNew)) return;
      void importXml(EMPTY_DIAGRAM);
    },
    openFile: (xml) => importXml(xml).catch((err: Error) => setStatus(text.importFailed(err.message), 'error')),
    download: () => void download(exportXml, modeler),
    deploy: () => void deploy(),
    undo: () => commandStack.undo(),
    redo: () => commandStack.redo(),
  });
  const refreshHistory = () => history.setHistory(commandStack.canUndo(), commandStack.canRedo());
  modeler.on('commandStack.changed', refreshHistory);
  modeler.on('import.done', refreshHistory);

  window.dosarDesigner = { modeler, importXml, exportXml, deploy };

  try {
    const xml = config.key ? (await api.model(config.key)).xml : EMPTY_DIAGRAM;
    await importXml(xml);
  } catch (err) {
    setStatus(text.loadFailed((err as Error).message), 'error');
  }
  container.dataset.ready = 'true';
}

/** Saves the diagram as <process id>.bpmn through a temporary link. */
async function download(exportXml: () => Promise<string>, modeler: Modeler): Promise<void> {
  const xml = await exportXml();
  const root = modeler.get<{ getRootElement(): { businessObject: { id?: string; processRef?: { id?: string } } } }>('canvas').getRootElement();
  const name = root.businessObject.processRef?.id ?? root.businessObject.id ?? 'procedura';
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
  link.download = `${name}.bpmn`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

document.addEventListener('DOMContentLoaded', () => {
  const container = document.getElementById('designer');
  if (container) void start(container);
});

import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import dosarModdle from '../../engine/model/moddle-extension.json' with { type: 'json' };
import { Modeler } from './bpmn-js.ts';
import { DesignerApi, type DeployResult, type FormSummary, type PackageBody, type Problem } from './api.ts';
import { readConfig } from './config.ts';
import { EMPTY_DIAGRAM } from './empty-diagram.ts';
import { FormSet } from './forms/form-set.ts';
import { createFormsPanel, type FormsPanel } from './forms/forms-panel.ts';
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
import { createVersionsPanel, type VersionsPanel } from './versions/versions-panel.ts';

/** What the page and the browser tests drive. */
export interface DosarDesigner {
  modeler: Modeler;
  importXml(xml: string): Promise<{ warnings: string[] }>;
  exportXml(): Promise<string>;
  deploy(): Promise<DeployResult>;
  /** The procedure's forms as edited, the forms tab, the versions panel. */
  forms: FormSet;
  formsPanel: FormsPanel;
  versions: VersionsPanel;
  showView(view: 'diagram' | 'forms'): void;
  /** The procedure key the page edits (set once a new procedure is deployed). */
  key(): string | undefined;
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
  let key = config.key;
  const [departments, handlers, formDocs, pkg] = await Promise.all([
    api.departments(),
    api.handlers(),
    key ? api.forms(key) : Promise.resolve([]),
    key ? api.package(key).catch(() => undefined) : Promise.resolve(undefined),
  ]);
  const forms = new FormSet(formDocs);
  const citizenForm = () => (typeof pkg?.meta.requestForm === 'string' ? pkg.meta.requestForm : 'cerere');
  // The panel's form choices follow the forms tab (the same array, so open panels see new forms).
  const formChoices: FormSummary[] = [];
  const syncChoices = () => formChoices.splice(0, formChoices.length, ...forms.names().map((name) => ({ name, title: forms.title(name, config.lang) })));
  syncChoices();
  forms.onChange(syncChoices);

  const modeler = new Modeler({
    container: layout.canvas,
    propertiesPanel: { parent: layout.panel },
    moddleExtensions: { dosar: dosarModdle },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      translateModule(config.lang),
      lookupsModule({ lang: config.lang, departments, forms: formChoices, handlers }),
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
  const versions = createVersionsPanel(layout.versions, {
    api,
    lang: config.lang,
    services: () => ({ canvas: modeler.get('canvas'), elementRegistry: modeler.get('elementRegistry') }),
  });
  const formsPanel = createFormsPanel(layout.forms, { api, lang: config.lang, forms, citizenForm, stylesheets: config.formStylesheets });
  layout.onShow((view) => {
    if (view === 'forms') formsPanel.shown();
    else modeler.get<{ resized(): void }>('canvas').resized();
  });
  const commandStack = modeler.get<{ canUndo(): boolean; canRedo(): boolean; undo(): void; redo(): void }>('commandStack');

  const importXml = async (xml: string) => {
    problems.clear();
    versions.clearMarkers();
    const { warnings } = await modeler.importXML(xml);
    modeler.get<{ zoom(level: string): void }>('canvas').zoom('fit-viewport');
    if (warnings.length > 0) setStatus(text.importWarnings(warnings.length));
    return { warnings: warnings.map((w: unknown) => String((w as { message?: string }).message ?? w)) };
  };
  const exportXml = async () => (await modeler.saveXML({ format: true })).xml ?? '';
  const processOf = () => {
    const root = modeler.get<{ getRootElement(): { businessObject: { id?: string; name?: string; processRef?: { id?: string; name?: string } } } }>('canvas').getRootElement();
    const bo = root.businessObject.processRef ?? root.businessObject;
    return { id: bo.id ?? '', name: bo.name ?? '' };
  };
  /**
   * The bare model when the forms were not touched (the server keeps the previous version's forms,
   * templates and catalogue data); else the whole package, carrying those templates and data over.
   * A procedure deployed for the first time is titled by its process name.
   */
  const deployBody = async (xml: string): Promise<string | PackageBody | Problem[]> => {
    const process = processOf();
    const existing = await api.package(process.id).catch(() => undefined);
    const title = process.name || process.id;
    const meta = existing?.meta ?? { title: { ro: title, en: title }, requestForm: citizenForm() };
    if (forms.edited) {
      const { forms: edited, errors } = forms.toPackage();
      if (errors.length > 0) return errors.map((message) => ({ code: 'json', elementId: '', message }));
      return { xml, forms: edited, meta, templates: existing?.templates ?? {} };
    }
    return existing ? xml : { xml, meta };
  };
  const deploy = async (): Promise<DeployResult> => {
    problems.clear();
    versions.clearMarkers();
    setStatus(text.deploying);
    try {
      const body = await deployBody(await exportXml());
      if (Array.isArray(body)) {
        problems.show(body);
        setStatus(text.formJson(body.length), 'error');
        return { ok: false, status: 0, message: text.formJson(body.length), problems: body };
      }
      const result = await api.deploy(body);
      if (result.ok) {
        const first = result.deployed[0];
        setStatus(text.deployed(first?.version ?? 1), 'success');
        forms.edited = false;
        if (first && first.key !== key) {
          key = first.key;
          container.dataset.key = key;
          if (window.location.pathname.startsWith('/designer/')) window.history.replaceState(null, '', `/designer/proceduri/${encodeURIComponent(key)}${window.location.search}`);
        }
        await versions.load(key);
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

  /** A file from another tool: laid out by the server first when it carries no diagram. */
  const openFile = async (xml: string) => {
    try {
      const drawn = /<([\w-]+:)?BPMNDiagram[\s>]/.test(xml) ? xml : await api.layout(xml);
      await importXml(drawn);
      setStatus(text.opened(processOf().id));
    } catch (err) {
      setStatus(text.importFailed((err as Error).message), 'error');
    }
  };

  const history = createToolbar(layout.toolbar, text, {
    newDiagram: () => {
      if (commandStack.canUndo() && !window.confirm(text.confirmNew)) return;
      void importXml(EMPTY_DIAGRAM);
    },
    openFile: (xml) => void openFile(xml),
    download: () => void download(exportXml, modeler),
    deploy: () => void deploy(),
    undo: () => commandStack.undo(),
    redo: () => commandStack.redo(),
  });
  const refreshHistory = () => history.setHistory(commandStack.canUndo(), commandStack.canRedo());
  modeler.on('commandStack.changed', refreshHistory);
  modeler.on('import.done', refreshHistory);

  window.dosarDesigner = { modeler, importXml, exportXml, deploy, forms, formsPanel, versions, showView: layout.show, key: () => key };

  try {
    const xml = key ? (await api.model(key)).xml : EMPTY_DIAGRAM;
    await importXml(xml);
  } catch (err) {
    setStatus(text.loadFailed((err as Error).message), 'error');
  }
  await versions.load(key);
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

import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import { dosarModdle } from '../../engine/browser.ts';
import { Modeler } from './bpmn-js.ts';
import { DesignerApi, type DeployResult, type FormSummary, type PackageBody, type Problem } from './api.ts';
import { createCataloguePanel, type CataloguePanel } from './catalogue/catalogue-panel.ts';
import { readConfig } from './config.ts';
import { EMPTY_DIAGRAM } from './empty-diagram.ts';
import { FormSet } from './forms/form-set.ts';
import { createFormsPanel, type FormsPanel } from './forms/forms-panel.ts';
import { createLayout, type View } from './layout.ts';
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
import { fitClearOfPalette, type FitCanvas } from './fit-view.ts';

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
  /** The catalogue data tab (title, summary, legal basis and term, fee, documents). */
  catalogue: CataloguePanel;
  /** Loads a deployed version's diagram into the modeler; deploying it creates a new version. */
  openVersion(version: number): Promise<void>;
  showView(view: View): void;
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
  }), config.lang);
  const versions = createVersionsPanel(layout.versions, {
    api,
    lang: config.lang,
    services: () => ({ canvas: modeler.get('canvas'), elementRegistry: modeler.get('elementRegistry') }),
    open: (version) => openVersion(version),
  });
  const catalogue = createCataloguePanel(layout.catalogue, config.lang);
  catalogue.load(pkg?.meta);
  /** The diagram shows a deployed version: the notice says which when it is not the latest. */
  const showVersion = (version: number | undefined, latest: number | undefined) => {
    versions.setShown(version);
    const older = version !== undefined && latest !== undefined && version < latest;
    layout.notice.hidden = !older;
    layout.notice.textContent = older ? text.viewingVersion(version) : '';
    if (older) layout.notice.dataset.version = String(version);
    else delete layout.notice.dataset.version;
  };
  const formsPanel = createFormsPanel(layout.forms, { api, lang: config.lang, forms, citizenForm, stylesheets: config.formStylesheets });
  layout.onShow((view) => {
    if (view === 'forms') formsPanel.shown();
    else modeler.get<{ resized(): void }>('canvas').resized();
  });
  const commandStack = modeler.get<{ canUndo(): boolean; canRedo(): boolean; undo(): void; redo(): void }>('commandStack');

  /** Diagram changes since the diagram was opened or deployed. */
  let dirty = false;
  modeler.on('commandStack.changed', () => { dirty = true; });
  const importXml = async (xml: string) => {
    problems.clear();
    versions.clearMarkers();
    showVersion(undefined, undefined);
    const { warnings } = await modeler.importXML(xml);
    dirty = false;
    fitClearOfPalette(modeler.get<FitCanvas>('canvas'));
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
   * The bare model when neither the forms nor the catalogue data were touched (the server keeps the
   * previous version's forms, templates and catalogue data); else JSON with the edited parts and the
   * templates carried over (forms left out are kept by the server). A procedure deployed for the
   * first time is titled by its process name.
   */
  const deployBody = async (xml: string): Promise<string | PackageBody | { problems: Problem[]; status: string }> => {
    const process = processOf();
    const existing = await api.package(process.id).catch(() => undefined);
    const title = process.name || process.id;
    let meta = existing?.meta ?? { title: { ro: title, en: title }, requestForm: citizenForm() };
    if (catalogue.edited()) {
      const wrong = catalogue.check();
      if (wrong.length > 0) return { problems: wrong.map((p) => ({ code: 'catalogue', elementId: '', message: p.message })), status: text.catalogueInvalid(wrong.length) };
      meta = catalogue.meta(meta, title);
    }
    if (forms.edited) {
      const { forms: edited, errors } = forms.toPackage();
      if (errors.length > 0) return { problems: errors.map((message) => ({ code: 'json', elementId: '', message })), status: text.formJson(errors.length) };
      return { xml, forms: edited, meta, templates: existing?.templates ?? {} };
    }
    if (catalogue.edited()) return { xml, meta, templates: existing?.templates ?? {} };
    return existing ? xml : { xml, meta };
  };
  const deploy = async (): Promise<DeployResult> => {
    problems.clear();
    versions.clearMarkers();
    setStatus(text.deploying);
    try {
      const body = await deployBody(await exportXml());
      if (typeof body === 'object' && 'problems' in body) {
        problems.show(body.problems);
        setStatus(body.status, 'error');
        return { ok: false, status: 0, message: body.status, problems: body.problems };
      }
      const result = await api.deploy(body);
      if (result.ok) {
        const first = result.deployed[0];
        setStatus(text.deployed(first?.version ?? 1), 'success');
        forms.edited = false;
        dirty = false;
        if (first && first.key !== key) {
          key = first.key;
          container.dataset.key = key;
          if (window.location.pathname.startsWith('/designer/')) window.history.replaceState(null, '', `/designer/proceduri/${encodeURIComponent(key)}${window.location.search}`);
        }
        // The tab shows what was deployed; the diagram is now the latest version.
        if (key) catalogue.load((await api.package(key).catch(() => undefined))?.meta);
        await versions.load(key);
        showVersion(first?.version, first?.version);
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

  /** A deployed version's diagram in the modeler; the forms and catalogue data stay the latest ones. */
  const openVersion = async (version: number): Promise<void> => {
    if (!key) return;
    if (dirty && !window.confirm(text.confirmOpenVersion(version))) return;
    try {
      const [model, listed] = await Promise.all([api.model(key, version), api.versions(key)]);
      await importXml(model.xml);
      showVersion(model.version, listed[0]?.version);
      setStatus(text.openedVersion(model.version));
    } catch (err) {
      setStatus(text.loadFailed((err as Error).message), 'error');
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

  window.dosarDesigner = { modeler, importXml, exportXml, deploy, forms, formsPanel, versions, catalogue, openVersion, showView: layout.show, key: () => key };

  let shownVersion: number | undefined;
  try {
    const model = key ? await api.model(key) : undefined;
    await importXml(model?.xml ?? EMPTY_DIAGRAM);
    shownVersion = model?.version;
  } catch (err) {
    setStatus(text.loadFailed((err as Error).message), 'error');
  }
  await versions.load(key);
  showVersion(shownVersion, shownVersion);
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

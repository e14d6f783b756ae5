import type { Comparison, DesignerApi, VersionInfo } from '../api.ts';
import { h } from '../dom.ts';

interface Services {
  canvas: { addMarker(id: string, marker: string): void; removeMarker(id: string, marker: string): void };
  elementRegistry: { get(id: string): unknown };
}

/** Who deployed the packages shipped in procedures/ (server/load-procedures.ts): no person, the installation. */
const BUILT_IN = 'procedures/';
const ADDED = 'dosar-added';
const CHANGED = 'dosar-changed';
const REMOVED = 'dosar-removed';

const TEXTS = {
  ro: {
    title: 'Versiuni',
    none: 'Nicio versiune publicată încă.',
    by: (who: string) => (who === BUILT_IN ? 'din pachetul inclus' : `de ${who}`),
    running: (n: number) => (n === 0 ? 'nicio cerere în curs' : n === 1 ? 'o cerere în curs' : `${n} cereri în curs`),
    compareTitle: 'Compară două versiuni',
    from: 'De la versiunea',
    to: 'la versiunea',
    compare: 'Compară',
    clear: 'Ascunde diferențele',
    summary: (c: Comparison) => `${c.added.length} adăugate, ${c.changed.length} modificate, ${c.removed.length} eliminate.`,
    added: 'Adăugate (verde pe diagramă)',
    changed: 'Modificate (portocaliu pe diagramă)',
    removed: 'Eliminate (roșu pe diagramă, dacă o versiune mai veche e afișată)',
    failed: (message: string) => `Versiunile nu au putut fi citite: ${message}`,
    migrate: (to: number) => `Mută cererile pe v${to}`,
    open: 'Deschide',
    openLabel: (v: number) => `Deschide versiunea ${v} în diagramă`,
    shown: 'afișată',
    migrated: (n: number, stayed: number) => `${n} cereri mutate${stayed > 0 ? `; ${stayed} rămân pe versiunea lor (elementul la care așteaptă nu mai există la fel)` : ''}.`,
  },
  en: {
    title: 'Versions',
    none: 'No version deployed yet.',
    by: (who: string) => (who === BUILT_IN ? 'from the built-in package' : `by ${who}`),
    running: (n: number) => (n === 0 ? 'no running request' : n === 1 ? '1 running request' : `${n} running requests`),
    compareTitle: 'Compare two versions',
    from: 'From version',
    to: 'to version',
    compare: 'Compare',
    clear: 'Hide differences',
    summary: (c: Comparison) => `${c.added.length} added, ${c.changed.length} changed, ${c.removed.length} removed.`,
    added: 'Added (green on the diagram)',
    changed: 'Changed (orange on the diagram)',
    removed: 'Removed (red on the diagram, when an older version is shown)',
    failed: (message: string) => `The versions could not be read: ${message}`,
    migrate: (to: number) => `Move the requests to v${to}`,
    open: 'Open',
    openLabel: (v: number) => `Open version ${v} in the diagram`,
    shown: 'shown',
    migrated: (n: number, stayed: number) => `${n} request(s) moved${stayed > 0 ? `; ${stayed} stay on their version (the element they wait at changed)` : ''}.`,
  },
};

export interface VersionsPanel {
  /** Lists the versions of `key` (none for a procedure not yet deployed). */
  load(key: string | undefined): Promise<VersionInfo[]>;
  /** Compares two versions: lists the differences and marks them on the diagram shown. */
  compare(from: number, to: number): Promise<Comparison | undefined>;
  clearMarkers(): void;
  /** Tells the panel which version the diagram shows (undefined: a model not loaded from a version). */
  setShown(version: number | undefined): void;
}

export interface VersionsPanelOptions {
  api: DesignerApi;
  lang: 'ro' | 'en';
  services: () => Services;
  /** Loads a version's diagram into the modeler ("Open"). */
  open: (version: number) => Promise<void>;
}

/**
 * The versions of the procedure, who deployed each and when, how many requests still run on each;
 * and "compare", which marks added and changed elements on the diagram and lists removed ones.
 */
export function createVersionsPanel(container: HTMLElement, options: VersionsPanelOptions): VersionsPanel {
  const text = TEXTS[options.lang];
  const locale = options.lang === 'en' ? 'en-GB' : 'ro-RO';
  let key: string | undefined;
  let marked: Array<[string, string]> = [];
  let shown: number | undefined;
  let listed: VersionInfo[] = [];

  const empty = h('p', { className: 'dosar-hint' }, text.none);
  const list = h('ol', { className: 'dosar-version-list', id: 'versions', reversed: true });
  const from = h('select', { id: 'compare-from', name: 'compare-from' });
  const to = h('select', { id: 'compare-to', name: 'compare-to' });
  const compareButton = h('button', { type: 'submit', 'data-action': 'compare' }, text.compare);
  const clearButton = h('button', { type: 'button', 'data-action': 'clear-compare', hidden: true }, text.clear);
  const result = h('div', { className: 'dosar-compare-result', id: 'compare-result', 'aria-live': 'polite' });
  const form = h('form', { className: 'dosar-compare', hidden: true },
    h('h3', {}, text.compareTitle),
    h('div', { className: 'dosar-compare-row' }, h('label', { for: 'compare-from' }, text.from), from),
    h('div', { className: 'dosar-compare-row' }, h('label', { for: 'compare-to' }, text.to), to),
    h('div', { className: 'dosar-compare-row' }, compareButton, clearButton),
    result);
  container.classList.add('dosar-versions');
  container.replaceChildren(h('h2', { id: 'versions-title' }, text.title), empty, list, form);

  function clearMarkers(): void {
    const { canvas } = options.services();
    for (const [id, marker] of marked) canvas.removeMarker(id, marker);
    marked = [];
    result.replaceChildren();
    clearButton.hidden = true;
  }

  async function load(next: string | undefined): Promise<VersionInfo[]> {
    key = next;
    let versions: VersionInfo[] = [];
    try {
      versions = key ? await options.api.versions(key) : [];
    } catch (err) {
      empty.textContent = text.failed((err as Error).message);
    }
    listed = versions;
    empty.hidden = versions.length > 0;
    list.replaceChildren(...versions.map((v) => h('li', { 'data-version': String(v.version), value: String(v.version), 'aria-current': v.version === shown ? 'true' : undefined },
      h('strong', {}, `v${v.version}`), ' ',
      h('span', { className: 'dosar-version-shown' }, `(${text.shown})`), ' ',
      h('button', { type: 'button', className: 'dosar-version-open', 'data-action': 'open-version', 'data-version': String(v.version), 'aria-label': text.openLabel(v.version) }, text.open),
      h('time', { datetime: v.deployedAt }, new Date(v.deployedAt).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' })),
      v.deployedBy ? h('span', { className: 'dosar-version-by' }, ` ${text.by(v.deployedBy)}`) : undefined,
      h('span', { className: 'dosar-version-running', 'data-running': String(v.running) }, text.running(v.running)),
      // Running requests stay on their version unless moved on purpose, and only where the engine allows.
      v.running > 0 && v.version !== versions[0]!.version
        ? h('button', { type: 'button', 'data-action': 'migrate', 'data-from': String(v.version), 'data-to': String(versions[0]!.version) }, text.migrate(versions[0]!.version))
        : undefined)));
    form.hidden = versions.length < 2;
    const option = (v: VersionInfo) => h('option', { value: String(v.version) }, `v${v.version}`);
    from.replaceChildren(...versions.map(option));
    to.replaceChildren(...versions.map(option));
    preselect();
    return versions;
  }

  /** Preselects the comparison: an older version shown against the latest, else the two latest. */
  function preselect(): void {
    if (listed.length < 2) return;
    const at = listed.findIndex((v) => v.version === shown);
    to.value = String(listed[0]!.version);
    from.value = String(listed[at > 0 ? at : 1]!.version);
  }

  function setShown(version: number | undefined): void {
    shown = version;
    for (const li of list.querySelectorAll('li[data-version]')) {
      if (Number(li.getAttribute('data-version')) === version) li.setAttribute('aria-current', 'true');
      else li.removeAttribute('aria-current');
    }
    preselect();
  }

  async function migrate(from: number, target: number): Promise<void> {
    if (!key) return;
    try {
      const outcome = await options.api.migrate(key, from, target);
      await load(key);
      result.replaceChildren(h('p', { role: 'status' }, text.migrated(outcome.migrated, outcome.failed.length)));
      form.hidden = false;
    } catch (err) {
      result.replaceChildren(h('p', { role: 'alert' }, (err as Error).message));
    }
  }

  async function compare(a: number, b: number): Promise<Comparison | undefined> {
    if (!key) return undefined;
    clearMarkers();
    const comparison = await options.api.compare(key, a, b);
    const { canvas, elementRegistry } = options.services();
    const mark = (id: string, marker: string) => {
      if (!elementRegistry.get(id) || id === key) return;
      canvas.addMarker(id, marker);
      marked.push([id, marker]);
    };
    // Marked on what is shown: added and changed elements on the newer version, removed ones on the older.
    for (const e of comparison.added) mark(e.id, ADDED);
    for (const e of comparison.changed) mark(e.id, CHANGED);
    for (const e of comparison.removed) mark(e.id, REMOVED);
    const items = (title: string, className: string, entries: Array<{ id: string; name?: string; changes?: string[] }>) => (entries.length === 0 ? undefined : h('div', { className },
      h('h4', {}, title),
      h('ul', {}, ...entries.map((e) => h('li', { 'data-element-id': e.id }, e.name ? `${e.name} ` : '', h('code', {}, e.id), e.changes ? `: ${e.changes.join(', ')}` : '')))));
    const parts: Array<HTMLElement | undefined> = [
      h('p', {}, `v${a} → v${b}: ${text.summary(comparison)}`),
      items(text.added, 'dosar-compare-added', comparison.added),
      items(text.changed, 'dosar-compare-changed', comparison.changed),
      items(text.removed, 'dosar-compare-removed', comparison.removed),
    ];
    result.replaceChildren(...parts.filter((n): n is HTMLElement => n !== undefined));
    clearButton.hidden = false;
    return comparison;
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void compare(Number(from.value), Number(to.value));
  });
  clearButton.addEventListener('click', clearMarkers);
  list.addEventListener('click', (event) => {
    const open = (event.target as HTMLElement).closest('button[data-action=open-version]');
    if (open) {
      void options.open(Number(open.getAttribute('data-version')));
      return;
    }
    const button = (event.target as HTMLElement).closest('button[data-action=migrate]');
    if (button) void migrate(Number(button.getAttribute('data-from')), Number(button.getAttribute('data-to')));
  });
  return { load, compare, clearMarkers, setShown };
}

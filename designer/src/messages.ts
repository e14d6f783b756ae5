/** Page texts outside bpmn-js (toolbar, status), Romanian first. */
const TEXTS = {
  ro: {
    new: 'Nou',
    open: 'Deschide .bpmn',
    download: 'Descarcă .bpmn',
    deploy: 'Publică',
    undo: 'Anulează',
    redo: 'Refă',
    toolbar: 'Acțiuni pe diagramă',
    problems: 'Probleme',
    noProblems: 'Nicio problemă.',
    deployed: (version: number) => `Versiunea ${version} a fost publicată.`,
    deploying: 'Se publică…',
    invalid: (count: number) => `Modelul are ${count === 1 ? 'o problemă' : `${count} probleme`}; nu a fost publicat.`,
    failed: (message: string) => `Publicarea nu a reușit: ${message}`,
    importWarnings: (count: number) => `Diagrama a fost deschisă cu ${count} avertismente.`,
    importFailed: (message: string) => `Fișierul nu a putut fi deschis: ${message}`,
    loadFailed: (message: string) => `Procedura nu a putut fi încărcată: ${message}`,
    confirmNew: 'Renunțați la modificările nesalvate și începeți o diagramă nouă?',
    canvas: 'Diagrama procedurii',
    panel: 'Proprietăți',
  },
  en: {
    new: 'New',
    open: 'Open .bpmn',
    download: 'Download .bpmn',
    deploy: 'Deploy',
    undo: 'Undo',
    redo: 'Redo',
    toolbar: 'Diagram actions',
    problems: 'Problems',
    noProblems: 'No problems.',
    deployed: (version: number) => `Version ${version} was deployed.`,
    deploying: 'Deploying…',
    invalid: (count: number) => `The model has ${count} problem${count === 1 ? '' : 's'}; it was not deployed.`,
    failed: (message: string) => `Deploy failed: ${message}`,
    importWarnings: (count: number) => `The diagram opened with ${count} warnings.`,
    importFailed: (message: string) => `The file could not be opened: ${message}`,
    loadFailed: (message: string) => `The procedure could not be loaded: ${message}`,
    confirmNew: 'Discard unsaved changes and start a new diagram?',
    canvas: 'Procedure diagram',
    panel: 'Properties',
  },
};

export type Messages = (typeof TEXTS)['ro'];

export function messagesFor(lang: 'ro' | 'en'): Messages {
  return TEXTS[lang];
}

/** The decision-table page's own words, Romanian first (dmn-js's own: modules/translate/romanian-dmn.ts). */
export interface DmnMessages {
  deploy: string;
  download: string;
  loading: string;
  loaded: (version: number) => string;
  loadFailed: (reason: string) => string;
  noTable: (key: string) => string;
  deploying: string;
  deployed: (version: number) => string;
  invalid: (count: number) => string;
  failed: (reason: string) => string;
  problemsTitle: string;
}

const RO: DmnMessages = {
  deploy: 'Publică versiunea nouă',
  download: 'Descarcă fișierul DMN',
  loading: 'Se încarcă tabelul…',
  loaded: (version) => `Versiunea ${version} (ultima publicată).`,
  loadFailed: (reason) => `Tabelul nu a putut fi deschis: ${reason}`,
  noTable: (key) => `Fișierul nu are un tabel de decizie „${key}”.`,
  deploying: 'Se publică…',
  deployed: (version) => `Publicat: versiunea ${version}. Cererile noi o folosesc după ce procedura este publicată din nou.`,
  invalid: (count) => (count === 1 ? 'Tabelul are o problemă; nu a fost publicat.' : `Tabelul are ${count} probleme; nu a fost publicat.`),
  failed: (reason) => `Publicarea nu a reușit: ${reason}`,
  problemsTitle: 'Probleme',
};

const EN: DmnMessages = {
  deploy: 'Deploy new version',
  download: 'Download the DMN file',
  loading: 'Loading the table…',
  loaded: (version) => `Version ${version} (the latest deployed).`,
  loadFailed: (reason) => `The table could not be opened: ${reason}`,
  noTable: (key) => `The file has no decision table "${key}".`,
  deploying: 'Deploying…',
  deployed: (version) => `Deployed: version ${version}. New requests use it once the procedure is deployed again.`,
  invalid: (count) => (count === 1 ? 'The table has a problem; it was not deployed.' : `The table has ${count} problems; it was not deployed.`),
  failed: (reason) => `Deploying failed: ${reason}`,
  problemsTitle: 'Problems',
};

export function dmnMessagesFor(lang: 'ro' | 'en'): DmnMessages {
  return lang === 'en' ? EN : RO;
}

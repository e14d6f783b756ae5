import type { Database } from '../../engine/index.ts';
import { writeArchiveFile } from '../../server/archive/archive-files.ts';
import type { FileStore } from '../../server/storage/file-store.ts';
import { insertDocument, upsertDossier } from '../../server/archive/archive-store.ts';
import { SAMPLE_PDF } from './petition.ts';

/**
 * A small archive for route and page tests: a dossier of registratura with personal data (its
 * documents open with a reason), one of urbanism, and a public council decision; the first
 * document has its scan in the archive's file store (`ctx.files.archive`).
 */
export interface ArchiveFixture {
  /** Registratura, names a person: opened with a reason; has a file. */
  personalDocId: string;
  /** Registratura, no parties: opened without a reason; has a file. */
  plainDocId: string;
  urbanismDocId: string;
  publicDocId: string;
}

export async function seedArchive(db: Database, archive: FileStore, now = new Date('2026-03-02T08:00:00Z')): Promise<ArchiveFixture> {
  return db.transaction(async (tx) => {
    const file = await writeArchiveFile(tx, archive, SAMPLE_PDF, 'application/pdf');
    const dossier = async (registerNumber: string, department: string, title: string, parties: string[], pub = false) =>
      (await upsertDossier(tx, { registerNumber, registerDate: '1999-04-21', nomenclatorCode: 'I-7', retention: pub ? 'permanent' : 10, department, title, parties, public: pub, now })).id;
    const doc = async (dossierId: string, kind: 'cerere' | 'autorizatie' | 'hotarare' | 'adeverinta', title: string, pages: string[], withFile: boolean) =>
      (await insertDocument(tx, {
        dossierId, kind, title, mediaType: 'application/pdf', fileName: 'scanare-1999.pdf', bytes: withFile ? file.bytes : 1000,
        sha256: withFile ? file.sha256 : `${kind}${title}`.split('').reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1e15, 7).toString(16).padStart(64, 'a'),
        storageKey: withFile ? file.storageKey : null, textSource: withFile ? 'pdf' : 'ocr', pages, now,
      })).id;
    const personal = await dossier('812', 'registratura', 'Adeverință de rol fiscal pentru Ştefan Ţepeş', ['Ştefan Ţepeş']);
    const plain = await dossier('813', 'registratura', 'Registrul de intrări-ieșiri 1999', []);
    const urbanism = await dossier('77', 'urbanism', 'Autorizație de construire, str. Mihai Eminescu nr. 12', ['Ioana Popescu']);
    const council = await dossier('45', 'consiliu', 'Hotărârea Consiliului Local nr. 45/1999', [], true);
    return {
      personalDocId: await doc(personal, 'adeverinta', 'Adeverință de rol fiscal', ['Se adeverește că domnul Ştefan Ţepeş, domiciliat în strada Mihai Eminescu nr. 3, figurează în evidențele fiscale.', 'Semnătura și ștampila.'], true),
      plainDocId: await doc(plain, 'cerere', 'Registru de intrări-ieșiri', ['Registrul de intrări și ieșiri al primăriei, anul 1999, strada Mihai Eminescu.'], true),
      urbanismDocId: await doc(urbanism, 'autorizatie', 'Autorizație de construire nr. 77', ['Se autorizează construirea unei locuințe pe strada Mihai Eminescu nr. 12.'], false),
      publicDocId: await doc(council, 'hotarare', 'Hotărârea nr. 45', ['Consiliul Local hotărăște modernizarea străzii Mihai Eminescu.'], false),
    };
  });
}

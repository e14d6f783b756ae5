import { createHash, randomUUID } from 'node:crypto';
import type { Database } from '../../engine/index.ts';
import { makeCorpus } from './corpus.ts';
import { insertBatch, nextRegisterNumber, PARTY_SEPARATOR, type DocumentRows, type DossierRows, type PageRows } from './generate-store.ts';
import { foldText } from './search.ts';

/** `dosar archive generate --dossiers N`: a realistic corpus (corpus.ts), written in batches of one transaction each. */
export interface GenerateResult {
  dossiers: number;
  documents: number;
  pages: number;
  seconds: number;
  documentsPerSecond: number;
}

const BATCH = 400;

export async function generateArchive(db: Database, options: { dossiers: number; seed?: number; now: Date; onBatch?: (done: number) => void }): Promise<GenerateResult> {
  const started = Date.now();
  const dossier = makeCorpus(options.seed ?? 1);
  const first = await nextRegisterNumber(db);
  const seenWords = new Set<string>();
  let documents = 0;
  let pages = 0;
  for (let start = 0; start < options.dossiers; start += BATCH) {
    const d: DossierRows = { id: [], registerNumber: [], registerDate: [], year: [], nomenclatorCode: [], retentionYears: [], department: [], title: [], parties: [], public: [] };
    const o: DocumentRows = { id: [], dossierId: [], kind: [], title: [], mediaType: [], fileName: [], bytes: [], pageCount: [], sha256: [], textSource: [] };
    const p: PageRows = { documentId: [], page: [], dossierId: [], year: [], department: [], kind: [], public: [], body: [] };
    const words: string[] = [];
    const addWords = (text: string) => {
      for (const w of foldText(text).match(/[a-z]{3,40}/g) ?? []) if (!seenWords.has(w)) { seenWords.add(w); words.push(w); }
    };
    for (let i = start; i < Math.min(start + BATCH, options.dossiers); i++) {
      const g = dossier(i, first);
      const dossierId = randomUUID();
      d.id.push(dossierId); d.registerNumber.push(g.registerNumber); d.registerDate.push(g.registerDate); d.year.push(g.year); d.nomenclatorCode.push(g.nomenclatorCode);
      d.retentionYears.push(g.retentionYears); d.department.push(g.department); d.title.push(g.title); d.parties.push(g.parties.join(PARTY_SEPARATOR)); d.public.push(g.public);
      addWords(`${g.title} ${g.parties.join(' ')}`);
      for (const doc of g.documents) {
        const id = randomUUID();
        const text = doc.pages.join('\f');
        o.id.push(id); o.dossierId.push(dossierId); o.kind.push(doc.kind); o.title.push(doc.title); o.mediaType.push(doc.mediaType); o.fileName.push(doc.fileName);
        // A scan's size as an image would have it; a text PDF's near its text.
        o.bytes.push(doc.textSource === 'pdf' ? 2_000 + text.length * 2 : 250_000 * Math.max(1, doc.pages.length));
        o.pageCount.push(Math.max(1, doc.pages.length)); o.sha256.push(createHash('sha256').update(`${id}\n${text}`).digest('hex')); o.textSource.push(doc.textSource);
        doc.pages.forEach((body, n) => {
          p.documentId.push(id); p.page.push(n + 1); p.dossierId.push(dossierId); p.year.push(g.year); p.department.push(g.department); p.kind.push(doc.kind); p.public.push(g.public); p.body.push(body);
          addWords(body);
        });
        addWords(doc.title);
        documents++;
        pages += doc.pages.length;
      }
    }
    await db.transaction((tx) => insertBatch(tx, { dossiers: d, documents: o, pages: p, words, now: options.now }));
    options.onBatch?.(Math.min(start + BATCH, options.dossiers));
  }
  const seconds = (Date.now() - started) / 1000;
  return { dossiers: options.dossiers, documents, pages, seconds: Math.round(seconds * 10) / 10, documentsPerSecond: Math.round(documents / Math.max(seconds, 0.001)) };
}

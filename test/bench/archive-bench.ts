import { randomUUID } from 'node:crypto';
import { openDatabase, type Database } from '../../engine/index.ts';
import { generateArchive } from '../../server/archive/generate.ts';
import { queryWords, readSearchInput, searchArchive } from '../../server/archive/search.ts';
import { SIMILAR_WORDS_SQL, similarWords, searchSql } from '../../server/archive/search-store.ts';
import type { User } from '../../server/auth/users.ts';
import { migrateDatabase } from '../../server/store/migrate.ts';

/**
 * The archive section: a generated corpus (server/archive/corpus.ts) of BENCH_ARCHIVE_DOCS documents
 * (default 50,000; the issue's figure is 500,000, about 15 minutes of generation on a 2-core machine)
 * on PostgreSQL, then the search use case (similar words, the search statement, the access-log
 * insert) timed per kind of query — one word, several words, without diacritics, misspelt, each
 * without and with filters — next to a primary-key lookup of a document in the same run, in
 * alternation. p95 per kind; the worst is `archive_search_p95_ms`. Storage per document, index
 * sizes and the plans (EXPLAIN ANALYZE) of the one-word and misspelt searches are printed.
 * BENCH_ARCHIVE_KEEP=1 keeps the schema (bench_archive_<docs>) and reuses it next time.
 */
const RUNS_PER_QUERY = 6;

const KINDS: Record<string, Array<Record<string, string>>> = {
  one_word: [{ q: 'Popescu' }, { q: 'garaj' }, { q: 'Țepeș' }, { q: 'Eminescu' }, { q: 'ipotecar' }],
  multi_word: [{ q: 'autorizație de construire garaj' }, { q: 'certificat de urbanism Lucian Blaga' }, { q: 'Ioana Popescu Teilor' }, { q: 'ajutor social Năstase' }],
  diacritics_free: [{ q: 'stefan tepes' }, { q: 'adeverinta rol fiscal' }, { q: 'Muresan Marasesti' }, { q: 'hotararea consiliului local' }],
  misspelt: [{ q: 'Popesku' }, { q: 'Constantinesku Independentei' }, { q: 'autorizatie contruire' }, { q: 'Mureşn' }],
  one_word_filtered: [{ q: 'Popescu', year: '1998' }, { q: 'garaj', department: 'urbanism', kind: 'autorizatie' }, { q: 'Eminescu', year: '2010', kind: 'cerere' }],
  multi_word_filtered: [{ q: 'certificat urbanism', year: '2005', department: 'urbanism' }, { q: 'Ioana Popescu', kind: 'adeverinta' }],
  diacritics_free_filtered: [{ q: 'stefan tepes', year: '2001' }, { q: 'atestare fiscala', department: 'taxe', year: '2015' }],
  misspelt_filtered: [{ q: 'Popesku', kind: 'cerere', year: '2012' }, { q: 'autorizatie contruire', department: 'urbanism' }],
  party_filter: [{ party: 'Ioana Popesku' }, { party: 'Stefan Tepes', year: '1999' }],
};

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? NaN;
}

async function seed(db: Database, docs: number, log: (line: string) => void): Promise<number> {
  const count = async () => Number((await db.query<{ n: string }>('select count(*) as n from archive_documents'))[0]!.n);
  let have = await count();
  let seedNo = 1 + Math.floor(have / 1000);
  while (have < docs) {
    // About 2.5 documents per dossier.
    const dossiers = Math.max(1, Math.min(20_000, Math.ceil((docs - have) / 2.5)));
    const r = await generateArchive(db, { dossiers, seed: seedNo++, now: new Date() });
    have = await count();
    log(`archive: generated ${r.documents} documents (${r.documentsPerSecond}/s), ${have} in all`);
  }
  await db.query('vacuum analyze archive_dossiers, archive_documents, archive_pages, archive_words');
  return have;
}

export async function archiveBench(options: { url: string; log: (line: string) => void }): Promise<Record<string, number | null>> {
  const target = Number(process.env.BENCH_ARCHIVE_DOCS ?? 50_000);
  const keep = process.env.BENCH_ARCHIVE_KEEP === '1';
  const schema = keep ? `bench_archive_${target}` : `bench_arc_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const db = await openDatabase({ url: options.url, schema, poolSize: 4 });
  try {
    await migrateDatabase(db);
    const docs = await seed(db, target, options.log);
    const admin: User = { id: randomUUID(), email: `bench-${schema}@primarie.ro`, name: 'Bench', role: 'admin', lang: 'ro', departments: [] };
    await db.query("insert into users (id, email, name, role, created_at) values ($1, $2, 'Bench', 'admin', now()) on conflict (email) do nothing", [admin.id, admin.email]);
    const [user] = await db.query<{ id: string }>('select id from users where email = $1', [admin.email]);
    admin.id = user!.id;
    const ids = (await db.query<{ id: string }>('select id from archive_documents tablesample system (1) limit 500')).map((r) => r.id);
    const pk = async () => {
      const t0 = performance.now();
      await db.query('select id, title, sha256 from archive_documents where id = $1', [ids[Math.floor(Math.random() * ids.length)]]);
      return performance.now() - t0;
    };
    for (let i = 0; i < 50; i++) await pk();
    const pkTimes: number[] = [];
    const results: Record<string, number | null> = { archive_docs: docs };
    let worst = 0;
    for (const [kind, queries] of Object.entries(KINDS)) {
      const times: number[] = [];
      let hits = 0;
      for (let run = 0; run < RUNS_PER_QUERY; run++) {
        for (const query of queries) {
          const t0 = performance.now();
          const answer = await searchArchive(db, admin, readSearchInput(query), new Date());
          times.push(performance.now() - t0);
          hits += answer.total;
          pkTimes.push(await pk());
        }
      }
      const kindP95 = p95(times);
      worst = Math.max(worst, kindP95);
      results[`archive_search_p95_ms_${kind}`] = Number(kindP95.toFixed(2));
      options.log(`archive search ${kind}: p95 ${kindP95.toFixed(1)} ms over ${times.length} searches (mean ${Math.round(hits / times.length)} documents found)`);
    }
    const pkP95 = p95(pkTimes);
    results.archive_search_p95_ms = Number(worst.toFixed(2));
    results.archive_pk_p95_ms = Number(pkP95.toFixed(3));
    results.archive_search_p95_ratio_pk = Number((worst / pkP95).toFixed(1));
    options.log(`archive: worst search p95 ${worst.toFixed(1)} ms, primary-key lookup p95 ${pkP95.toFixed(2)} ms, ratio ${(worst / pkP95).toFixed(1)}x`);
    Object.assign(results, await storage(db, docs, options.log));
    await explain(db, admin, options.log);
    Object.assign(results, await importFigures(options));
    return results;
  } finally {
    if (!keep) await db.query(`drop schema if exists "${schema}" cascade`).catch(() => undefined);
    await db.close();
  }
}

async function storage(db: Database, docs: number, log: (line: string) => void): Promise<Record<string, number>> {
  const [s] = await db.query<{ total: string; indexes: string; pages: string }>(
    `select sum(pg_total_relation_size(c.oid)) as total, sum(pg_indexes_size(c.oid)) as indexes, (select count(*) from archive_pages) as pages
     from pg_class c where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r' and c.relname like 'archive\\_%'`);
  const perDoc = Number(s!.total) / docs;
  log(`archive storage: ${(Number(s!.total) / 1048576).toFixed(0)} MiB for ${docs} documents (${s!.pages} pages): ${(perDoc / 1024).toFixed(1)} KiB per document, indexes ${(Number(s!.indexes) / 1048576).toFixed(0)} MiB`);
  for (const r of await db.query<{ name: string; size: string }>(
    "select indexrelname as name, pg_size_pretty(pg_relation_size(indexrelid)) as size from pg_stat_user_indexes where schemaname = current_schema() and relname like 'archive\\_%' order by pg_relation_size(indexrelid) desc limit 6")) {
    log(`  index ${r.name}: ${r.size}`);
  }
  return { archive_bytes_per_doc: Math.round(perDoc), archive_index_mib: Math.round(Number(s!.indexes) / 1048576) };
}

async function explain(db: Database, admin: User, log: (line: string) => void): Promise<void> {
  for (const q of ['Popescu', 'Popesku', 'autorizatie contruire']) {
    const terms = await similarWords(db, queryWords(q));
    const tsquery = terms.map((alts) => `(${alts.join(' | ')})`).join(' & ');
    const { text, params } = searchSql({ tsquery, scope: { all: true }, filters: {}, offset: 0 });
    const plan = await db.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers, costs off) ${text}`, params);
    log(`archive plan for "${q}" (${tsquery}):\n${plan.map((r) => `  ${r['QUERY PLAN']}`).join('\n')}`);
  }
  const words = await db.query<{ 'QUERY PLAN': string }>(`explain (analyze, costs off) ${SIMILAR_WORDS_SQL}`, [['popesku', 'contruire']]);
  log(`archive plan for the similar words:\n${words.map((r) => `  ${r['QUERY PLAN']}`).join('\n')}`);
  void admin;
}

/** The import's throughput, measured by test/bench/archive-import.ts where the import is built; null otherwise. */
async function importFigures(options: { url: string; log: (line: string) => void }): Promise<Record<string, number | null>> {
  const path = './archive-import.ts';
  const module = await import(path).catch(() => undefined) as { measureImport?: (o: { url: string; log: (line: string) => void }) => Promise<Record<string, number>> } | undefined;
  if (!module?.measureImport) {
    options.log('archive import: not measured (the import is not in this build)');
    return { archive_import_docs_per_s: null };
  }
  return module.measureImport(options);
}

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import ts from 'typescript';

/**
 * The engine is a library with one entry (issue #13): code outside engine/ imports only
 * engine/index.ts (code bundled for the browser: engine/browser.ts), engine/ imports nothing of the
 * application, and the application's SQL never names an engine table: it reads the views of the
 * engine's read contract (engine/README.md) and writes through the engine's API.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const posix = (p: string) => p.split(sep).join('/');

const ENGINE_TABLES = ['definitions', 'instances', 'tokens', 'tasks', 'closed_tasks', 'timers', 'jobs', 'subscriptions', 'signal_deliveries', 'events', 'calendar_days'];
const ENGINE_TABLE_SQL = new RegExp(`\\b(?:from|join|into|update)\\s+(?:only\\s+)?"?(${ENGINE_TABLES.join('|')})\\b`, 'gi');
/** Application code checked for SQL on engine tables (tests may look at storage). */
const APPLICATION = ['server', 'forms', 'designer', 'procedures', 'bin'];
/** Code outside engine/ checked for imports of engine internals. */
const OUTSIDE = [...APPLICATION, 'test'];

const ALLOWED_INTERNAL_IMPORTS: Array<[RegExp, string]> = [
  [/^test\/engine\//, 'engine tests test the engine\'s parts'],
  [/^test\/support\/core-driver\.ts$/, 'drives engine/core for engine tests only'],
];
const ALLOWED_ENGINE_SQL: Array<[RegExp, string]> = [
  // Landed before the split and never edited since: its backfill rewrote file records in instance variables.
  [/^server\/store\/migrations\/20261203100000_create_uploads\.ts$/, 'a past migration'],
];

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(join(root, dir))) {
    const rel = `${dir}/${name}`;
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    if (statSync(join(root, rel)).isDirectory()) yield* sourceFiles(rel);
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) yield rel;
  }
}

/** Every module a file names: static imports and re-exports, dynamic imports, import types. */
export function importedPaths(file: string, text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles
    .map((f) => f.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => posix(relative(root, resolve(root, dirname(file), name))));
}

/** The engine tables that the string literals of a file name in SQL position. */
export function engineTablesInSql(text: string): string[] {
  const found: string[] = [];
  const sf = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, false);
  const visit = (node: ts.Node): void => {
    const pieces = ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? [node.text]
      : ts.isTemplateExpression(node) ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)] : [];
    for (const piece of pieces) for (const m of piece.matchAll(ENGINE_TABLE_SQL)) found.push(m[1]!.toLowerCase());
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** Entries of the browser bundles (designer/build.ts, forms/client/bundle.ts). */
const BROWSER_ENTRIES = ['designer/src/main.ts', 'forms/client/validate-in-browser.ts'];

/** The files a start reaches through relative imports; `within` says which to follow. */
function reachable(starts: string[], within: (file: string) => boolean): Set<string> {
  const seen = new Set<string>();
  const stack = [...starts];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file) || !existsSync(join(root, file))) continue;
    seen.add(file);
    if (!/\.(ts|js|mjs)$/.test(file)) continue;
    for (const path of importedPaths(file, readFileSync(join(root, file), 'utf8'))) if (within(path)) stack.push(path);
  }
  return seen;
}

const browserCode = reachable(BROWSER_ENTRIES, (path) => !path.startsWith('engine/'));
const entryFor = (file: string) => (browserCode.has(file) || file.startsWith('designer/src/') ? 'engine/browser.ts' : 'engine/index.ts');

describe('the boundaries of the engine', () => {
  describe('the checks themselves', () => {
    it('find an import of an engine file, static, dynamic or as a type', () => {
      const text = "import { a } from '../engine/engine.ts';\nexport { b } from '../engine/index.ts';\nconst c = await import('../engine/ids.ts');\ntype D = import('../engine/ports.ts').TaskView;";
      expect(importedPaths('server/x.ts', text)).to.deep.equal(['engine/engine.ts', 'engine/index.ts', 'engine/ids.ts', 'engine/ports.ts']);
    });

    it('find an engine table named in SQL, and not a view, a column or a word in a sentence', () => {
      const text = "q('select * from tasks t join instances i on true'); q(`insert into events (x) values (1)`); q(`update \"jobs\" set ${x} where a`);"
        + " q('select * from engine_tasks_v'); q('select tasks from x'); q('Only clerks have task queues.'); q('delete from timers');";
      expect(engineTablesInSql(text)).to.deep.equal(['tasks', 'instances', 'events', 'jobs', 'timers']);
    });
  });

  it('code outside engine/ imports only the engine\'s entry', () => {
    const offending: string[] = [];
    for (const dir of OUTSIDE) {
      for (const file of sourceFiles(dir)) {
        if (ALLOWED_INTERNAL_IMPORTS.some(([re]) => re.test(file))) continue;
        for (const path of importedPaths(file, readFileSync(join(root, file), 'utf8'))) {
          if (path.startsWith('engine/') && path !== entryFor(file)) offending.push(`${file} imports ${path} (use ${entryFor(file)})`);
        }
      }
    }
    expect(offending, 'add what is needed to engine/index.ts and import it from there').to.deep.equal([]);
  });

  it('the browser entry reaches no module of Node or of a package', () => {
    const offending: string[] = [];
    for (const file of reachable(['engine/browser.ts'], (path) => path.startsWith('engine/'))) {
      if (!/\.ts$/.test(file)) continue;
      for (const { fileName } of ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true).importedFiles) {
        if (!fileName.startsWith('.')) offending.push(`${file} imports ${fileName}`);
      }
    }
    expect(offending, 'engine/browser.ts is bundled for browsers').to.deep.equal([]);
  });

  it('engine/ imports nothing of the application', () => {
    const offending: string[] = [];
    for (const file of sourceFiles('engine')) {
      for (const path of importedPaths(file, readFileSync(join(root, file), 'utf8'))) {
        if (!path.startsWith('engine/')) offending.push(`${file} imports ${path}`);
      }
    }
    expect(offending).to.deep.equal([]);
  });

  it('the application\'s SQL names no engine table', () => {
    const offending: string[] = [];
    for (const dir of APPLICATION) {
      for (const file of sourceFiles(dir)) {
        if (ALLOWED_ENGINE_SQL.some(([re]) => re.test(file))) continue;
        const tables = engineTablesInSql(readFileSync(join(root, file), 'utf8'));
        if (tables.length > 0) offending.push(`${file}: ${[...new Set(tables)].join(', ')}`);
      }
    }
    expect(offending, 'read the engine_*_v views (engine/README.md, "Read contract"); write through the Engine').to.deep.equal([]);
  });
});

import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

/**
 * `npm run gen:types`: TypeScript types for every form schema under procedures/<name>/forms/.
 * `--check` writes nothing and exits 1 when a generated file is missing or stale (CI runs it).
 */
const root = fileURLToPath(new URL('../procedures/', import.meta.url));
const check = process.argv.includes('--check');

async function schemaFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true }).catch(() => [])) {
    if (!entry.isDirectory()) continue;
    const dir = join(root, entry.name, 'forms');
    for (const file of await readdir(dir).catch(() => [] as string[])) if (file.endsWith('.schema.json')) files.push(join(dir, file));
  }
  return files.sort();
}

async function main(): Promise<number> {
  const stale: string[] = [];
  for (const file of await schemaFiles()) {
    const schema = JSON.parse(await readFile(file, 'utf8'));
    const name = basename(file, '.schema.json');
    const ts = await compile(schema, name, { bannerComment: `/* Generated from ${basename(file)} by npm run gen:types. Do not edit. */`, additionalProperties: false, format: true });
    const target = file.replace(/\.schema\.json$/, '.d.ts');
    const current = await readFile(target, 'utf8').catch(() => undefined);
    if (current === ts) continue;
    if (check) stale.push(target);
    else await writeFile(target, ts);
  }
  if (stale.length > 0) {
    console.error(`Generated form types are stale; run npm run gen:types:\n${stale.map((s) => `  ${s}`).join('\n')}`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();

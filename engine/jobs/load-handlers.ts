import { readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../errors.ts';
import type { HandlerRegistry, JobHandler } from './handlers.ts';

const MODULE_EXTENSIONS = new Set(['.js', '.mjs', '.ts', '.mts']);

/**
 * Registers an installation's own handlers. Each path is a module, or a folder whose modules (files
 * directly inside, by name) are each loaded; a module's default export is a handler
 * `{ name, optionsSchema, run }` or a list of them. Anything wrong stops with bad-input, naming
 * the module, so a misconfigured installation does not start.
 */
export async function loadHandlerModules(registry: HandlerRegistry, paths: string[], cwd = process.cwd()): Promise<string[]> {
  const names: string[] = [];
  for (const file of await moduleFiles(paths.map((p) => resolve(cwd, p)))) {
    let exported: unknown;
    try {
      exported = ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
    } catch (err) {
      throw new AppError('bad-input', `Handler module ${file} cannot be loaded: ${(err as Error).message}`, { cause: err });
    }
    const handlers = Array.isArray(exported) ? exported : [exported];
    if (exported === undefined || handlers.length === 0) throw new AppError('bad-input', `Handler module ${file} has no default export of a handler or a list of handlers`);
    for (const handler of handlers) {
      try {
        registry.register(handler as JobHandler);
      } catch (err) {
        throw new AppError('bad-input', `Handler module ${file}: ${(err as Error).message}`, { cause: err });
      }
      names.push((handler as JobHandler).name);
    }
  }
  return names;
}

async function moduleFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new AppError('bad-input', `Handler module ${path} does not exist`);
    if (!info.isDirectory()) {
      files.push(path);
      continue;
    }
    const entries = (await readdir(path, { withFileTypes: true })).filter((e) => e.isFile() && MODULE_EXTENSIONS.has(extname(e.name)) && !e.name.endsWith('.d.ts'));
    files.push(...entries.map((e) => join(path, e.name)).sort());
  }
  return files;
}

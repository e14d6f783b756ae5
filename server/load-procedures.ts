import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Engine } from '../engine/engine.ts';
import type { DeployedDefinition } from '../engine/model/definition.ts';
import { compileModel } from '../engine/model/index.ts';

/**
 * Deploys every model under procedures/<name>/*.bpmn whose compiled form differs from the latest
 * deployed version, so restarting never piles up identical versions.
 */
export async function loadProcedures(engine: Engine, root: string): Promise<DeployedDefinition[]> {
  const deployed: DeployedDefinition[] = [];
  const folders = await readdir(root, { withFileTypes: true }).catch(() => []);
  for (const folder of folders.filter((f) => f.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const files = (await readdir(join(root, folder.name))).filter((f) => f.endsWith('.bpmn')).sort();
    for (const file of files) {
      const xml = await readFile(join(root, folder.name, file), 'utf8');
      if (await isDeployed(engine, xml)) continue;
      deployed.push(...(await engine.deploy(xml, { deployedBy: 'procedures/' })));
    }
  }
  return deployed;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

async function isDeployed(engine: Engine, xml: string): Promise<boolean> {
  for (const definition of await compileModel(xml)) {
    const latest = await engine.findDefinition(definition.key).catch(() => undefined);
    // The database stores JSON with its keys reordered, so compare key-order-free.
    if (!latest || canonical(latest.definition) !== canonical(definition)) return false;
  }
  return true;
}

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

async function isDeployed(engine: Engine, xml: string): Promise<boolean> {
  for (const definition of await compileModel(xml)) {
    const latest = await engine.findDefinition(definition.key).catch(() => undefined);
    if (!latest || JSON.stringify(latest.definition) !== JSON.stringify(definition)) return false;
  }
  return true;
}

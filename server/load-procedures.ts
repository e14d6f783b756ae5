import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Engine, DeployedDefinition, Database } from '../engine/index.ts';
import { deployPackage, isPackageDeployed } from './procedures/deploy-package.ts';
import { readPackage } from './procedures/package.ts';

/**
 * Deploys every package under procedures/<name>/ whose model, forms, templates or metadata differ
 * from the latest deployed version, so restarting never piles up identical versions.
 */
export async function loadProcedures(engine: Engine, db: Database, root: string): Promise<DeployedDefinition[]> {
  const deployed: DeployedDefinition[] = [];
  const folders = await readdir(root, { withFileTypes: true }).catch(() => []);
  for (const folder of folders.filter((f) => f.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const pkg = await readPackage(join(root, folder.name));
    if (await isPackageDeployed(engine, db, pkg)) continue;
    deployed.push(...(await deployPackage(engine, db, pkg, 'procedures/')));
  }
  return deployed;
}

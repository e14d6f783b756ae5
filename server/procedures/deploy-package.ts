import type { Engine } from '../../engine/engine.ts';
import { AppError } from '../../engine/errors.ts';
import type { DeployedDefinition } from '../../engine/model/definition.ts';
import { compileModel } from '../../engine/model/index.ts';
import { createEnginePort } from '../../engine/store/engine-port.ts';
import type { Database } from '../../engine/store/database.ts';
import { canonicalJson } from '../canonical-json.ts';
import { checkPackage, normaliseMeta, type ProcedurePackage } from './package.ts';
import { findPackage } from './catalogue.ts';

/**
 * Deploys a procedure package: the model as a new version of each process, and its forms, templates
 * and catalogue data beside that version, in one transaction. Any problem in any part stores nothing.
 */
export async function deployPackage(engine: Engine, db: Database, pkg: ProcedurePackage, deployedBy?: string): Promise<DeployedDefinition[]> {
  const definitions = await compileModel(pkg.xml);
  const problems = checkPackage(pkg, definitions);
  if (problems.length > 0) throw new AppError('definition-invalid', `The procedure has ${problems.length} problem(s); nothing was deployed`, { problems });
  const now = engine.clock.now();
  return db.transaction(async (tx) => {
    const deployed = await engine.deployMany([pkg.xml], deployedBy ? { deployedBy } : {}, createEnginePort(tx));
    for (const d of deployed) {
      const meta = normaliseMeta(pkg.meta, d.definition.name ?? d.key);
      await tx.query(
        `insert into procedure_packages (definition_id, key, version, meta, forms, templates, deployed_by, deployed_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [d.id, d.key, d.version, JSON.stringify(meta), JSON.stringify(pkg.forms), JSON.stringify(pkg.templates), deployedBy ?? null, now],
      );
    }
    return deployed;
  });
}

/** True when the latest deployed version already has this exact model, forms, templates and metadata. */
export async function isPackageDeployed(engine: Engine, db: Database, pkg: ProcedurePackage): Promise<boolean> {
  for (const definition of await compileModel(pkg.xml)) {
    const latest = await engine.findDefinition(definition.key).catch(() => undefined);
    if (!latest || canonicalJson(latest.definition) !== canonicalJson(definition)) return false;
    const stored = await findPackage(db, definition.key, latest.version);
    const meta = normaliseMeta(pkg.meta, definition.name ?? definition.key);
    if (!stored || canonicalJson({ m: stored.meta, f: stored.forms, t: stored.templates }) !== canonicalJson({ m: meta, f: pkg.forms, t: pkg.templates })) return false;
  }
  return true;
}

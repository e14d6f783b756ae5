import { type CompiledModel, type Engine, AppError, type Problem, type DeployedDefinition, type DeployedDecision, type Definition, compileModel, compileDecisions, createEnginePort, isStorableText, assertStorableText, type Database } from '../../engine/index.ts';
import { canonicalJson } from '../canonical-json.ts';
import { checkPackage, isFormName, normaliseMeta, withEmbeddedForms, type ProcedurePackage } from './package.ts';
import { findPackage, insertPackage } from './catalogue.ts';
import { checkServiceMeta } from './service-meta.ts';
import { listDepartments } from '../departments/departments-store.ts';

/**
 * Deploys procedure packages: each model as a new version of each of its processes, and its forms,
 * templates, decisions and catalogue data beside that version, all in one transaction. Any problem
 * in any part of any package stores nothing, and every problem is listed. DMN files given apart
 * (`dosar deploy fee.dmn cerere.bpmn`) go first: the packages' business-rule tasks may call them.
 */
export async function deployWithDecisions(engine: Engine, db: Database, pkgs: ProcedurePackage[], decisions: string[], deployedBy?: string): Promise<{ definitions: DeployedDefinition[]; decisions: DeployedDecision[] }> {
  const problems: Problem[] = [];
  // Each model is compiled once: deployMany takes the compiled model as it is.
  const compiled = new Map<ProcedurePackage, CompiledModel>();
  const departments = new Set((await listDepartments(db)).map((d) => d.code));
  for (const pkg of pkgs) assertStorableText(pkg, { ro: 'Pachetul procedurii', en: 'The procedure package' });
  for (const pkg of pkgs) {
    try {
      const model = await engine.compile(pkg.xml);
      compiled.set(pkg, model);
      problems.push(...checkPackage(pkg, model.definitions), ...checkServiceMeta(pkg.meta, departments));
    } catch (err) {
      if (!(err instanceof AppError) || !err.problems || pkgs.length === 1) throw err;
      problems.push(...err.problems);
    }
  }
  if (problems.length > 0) throw new AppError('definition-invalid', `The procedure has ${problems.length} problem(s); nothing was deployed`, { problems });
  const now = engine.clock.now();
  const by = deployedBy ? { deployedBy } : {};
  return db.transaction(async (tx) => {
    const all: DeployedDefinition[] = [];
    const decided = decisions.length > 0 ? await engine.deployDecisions(decisions, by, createEnginePort(tx)) : [];
    for (const pkg of pkgs) {
      const own = Object.values(pkg.decisions ?? {});
      if (own.length > 0) decided.push(...(await engine.deployDecisions(own, by, createEnginePort(tx))));
      const deployed = await engine.deployMany([compiled.get(pkg) ?? pkg.xml], by, createEnginePort(tx));
      for (const d of deployed) {
        const meta = normaliseMeta(pkg.meta, d.definition.name ?? d.key);
        await insertPackage(tx, { definitionId: d.id, key: d.key, version: d.version, meta, forms: withEmbeddedForms(pkg, [d.definition]), templates: pkg.templates, deployedBy: deployedBy ?? null, deployedAt: now });
      }
      all.push(...deployed);
    }
    return { definitions: all, decisions: decided };
  });
}

export async function deployPackage(engine: Engine, db: Database, pkg: ProcedurePackage, deployedBy?: string): Promise<DeployedDefinition[]> {
  return (await deployWithDecisions(engine, db, [pkg], [], deployedBy)).definitions;
}

/**
 * What a deployment leaves out is kept from the procedure's latest version: a bare model (the
 * designer, the CLI, Camunda Modeler files) keeps its forms, templates and catalogue data; new forms
 * keep the templates and catalogue data. A new diagram must not strand its citizens' form.
 */
export async function inheritPackage(db: Database, pkg: ProcedurePackage): Promise<ProcedurePackage> {
  const definitions = await compileModel(pkg.xml).catch(() => []);
  // A key that cannot be stored cannot be looked up either; the deploy refuses it.
  if (definitions.length !== 1 || !isStorableText(definitions[0]!.key)) return pkg;
  const latest = await findPackage(db, definitions[0]!.key);
  if (!latest) return pkg;
  // Forms made from a model are made again from the new one (edited, or gone), never inherited;
  // a start form is the request form.
  const carried = new Set(Object.keys(definitions[0]!.forms ?? {}));
  if (definitions[0]!.startForm) carried.add((pkg.meta.title.ro.trim() !== '' ? pkg.meta : latest.meta).requestForm);
  const inherited = Object.fromEntries(Object.entries(latest.forms).filter(([name]) => !carried.has(name) && isFormName(name)));
  return {
    xml: pkg.xml,
    meta: pkg.meta.title.ro.trim() !== '' ? pkg.meta : latest.meta,
    forms: Object.keys(pkg.forms).length > 0 ? pkg.forms : inherited,
    templates: Object.keys(pkg.templates).length > 0 ? pkg.templates : latest.templates,
    ...(pkg.decisions ? { decisions: pkg.decisions } : {}),
  };
}

/** True when the latest deployed version already has this exact model, forms, templates and metadata. */
export async function isPackageDeployed(engine: Engine, db: Database, pkg: ProcedurePackage): Promise<boolean> {
  const own = new Map((await compileDecisions(Object.values(pkg.decisions ?? {}))).map((d) => [d.key, d.decisions]));
  for (const definition of await compileModel(pkg.xml)) {
    const latest = await engine.findDefinition(definition.key).catch(() => undefined);
    if (!latest || canonicalJson(unbound(latest.definition, own)) !== canonicalJson(unbound(definition, own))) return false;
    const stored = await findPackage(db, definition.key, latest.version);
    const meta = normaliseMeta(pkg.meta, definition.name ?? definition.key);
    if (!stored || canonicalJson({ m: stored.meta, f: stored.forms, t: stored.templates }) !== canonicalJson({ m: meta, f: withEmbeddedForms(pkg, [definition]), t: pkg.templates })) return false;
  }
  return true;
}

/**
 * A definition as compared for redeploying: a decision the package ships is compared by its table
 * (its version number changes with every deploy); one it does not ship is left to the binding.
 */
function unbound(definition: Definition, own: Map<string, unknown>): unknown {
  const elements = Object.fromEntries(Object.entries(definition.elements).map(([id, el]) => {
    if (!el.decision) return [id, el];
    const { version: _version, decisions: bound, ...call } = el.decision;
    return [id, { ...el, decision: { ...call, table: own.has(call.decisionId) ? (bound ?? own.get(call.decisionId)) : null } }];
  }));
  return { ...definition, elements };
}

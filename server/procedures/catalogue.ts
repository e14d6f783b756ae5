import { AppError, batchedLookup, isXmlName, type Database } from '../../engine/index.ts';
import type { FormPair, ProcedureMeta } from './package.ts';

/** Storage of procedure packages (table `procedure_packages`): a deployed version's forms, templates and catalogue data. */
export interface StoredPackage {
  definitionId: string;
  key: string;
  version: number;
  meta: ProcedureMeta;
  forms: Record<string, FormPair>;
  templates: Record<string, string>;
  deployedBy: string | null;
  deployedAt: string;
}

interface Row { definition_id: string; key: string; version: number; meta: ProcedureMeta; forms: Record<string, FormPair>; templates: Record<string, string>; deployed_by: string | null; deployed_at: Date }

const COLUMNS = 'definition_id, key, version, meta, forms, templates, deployed_by, deployed_at';

function toPackage(r: Row): StoredPackage {
  return { definitionId: r.definition_id, key: r.key, version: r.version, meta: r.meta, forms: r.forms, templates: r.templates, deployedBy: r.deployed_by, deployedAt: new Date(r.deployed_at).toISOString() };
}

/** Stores a deployed version's package beside its definition; call in the deploy's transaction. */
export async function insertPackage(tx: Database, pkg: Omit<StoredPackage, 'deployedAt'> & { deployedAt: Date }): Promise<void> {
  await tx.query(
    `insert into procedure_packages (definition_id, key, version, meta, forms, templates, deployed_by, deployed_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [pkg.definitionId, pkg.key, pkg.version, JSON.stringify(pkg.meta), JSON.stringify(pkg.forms), JSON.stringify(pkg.templates), pkg.deployedBy, pkg.deployedAt],
  );
}

/** The latest version of every procedure: the public catalogue. */
export async function listLatestPackages(db: Database): Promise<StoredPackage[]> {
  const rows = await db.query<Row>(`select distinct on (key) ${COLUMNS} from procedure_packages order by key, version desc`);
  return rows.map(toPackage).sort((a, b) => a.meta.title.ro.localeCompare(b.meta.title.ro, 'ro'));
}

/** Procedure keys are BPMN process ids (XML names); anything else cannot name one. */

export async function findPackage(db: Database, key: string, version?: number): Promise<StoredPackage | undefined> {
  if (!isXmlName(key) || (version !== undefined && !Number.isSafeInteger(version))) return undefined;
  const definitionId = version === undefined
    ? await latestDefinitionLookup(db)(key)
    : (await db.query<{ definition_id: string }>('select definition_id from procedure_packages where key = $1 and version = $2', [key, version]))[0]?.definition_id;
  return definitionId ? packageOfDefinition(db, definitionId) : undefined;
}

/**
 * The latest version's definition of procedure keys. Read on every submission and form, so the
 * reads of one turn of the event loop share one query (engine/store/read-batcher.ts); each still
 * starts after its caller asked, so a version deployed by another process is seen at once.
 */
const latestLookups = new WeakMap<Database, (key: string) => Promise<string | undefined>>();

function latestDefinitionLookup(db: Database): (key: string) => Promise<string | undefined> {
  const lookup = latestLookups.get(db);
  if (lookup) return lookup;
  const created = batchedLookup(async (keys) => new Map((await db.query<{ key: string; definition_id: string }>(
    'select distinct on (key) key, definition_id from procedure_packages where key = any($1) order by key, version desc', [keys], 'dosar_latest_definitions')).map((r) => [r.key, r.definition_id])), { maxInFlight: 1 });
  latestLookups.set(db, created);
  return created;
}

export async function getPackage(db: Database, key: string): Promise<StoredPackage> {
  const found = await findPackage(db, key);
  if (!found) throw new AppError('not-found', `No procedure "${key}" is published`);
  return found;
}

// A deployed version never changes, so its package is read once per process (schemas are large).
const byDefinition = new Map<string, StoredPackage>();
const CACHE_LIMIT = 500;

export async function packageOfDefinition(db: Database, definitionId: string): Promise<StoredPackage | undefined> {
  const cached = byDefinition.get(definitionId);
  if (cached) return cached;
  const [row] = await db.query<Row>(`select ${COLUMNS} from procedure_packages where definition_id = $1`, [definitionId]);
  if (!row) return undefined;
  const pkg = toPackage(row);
  if (byDefinition.size >= CACHE_LIMIT) byDefinition.delete(byDefinition.keys().next().value!);
  byDefinition.set(definitionId, pkg);
  return pkg;
}

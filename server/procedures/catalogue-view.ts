import { parseUnit, type Database } from '../../engine/index.ts';
import type { Lang } from '../../forms/index.ts';
import { listDepartments } from '../departments/departments-store.ts';
import { listLatestPackages, type StoredPackage } from './catalogue.ts';
import type { Text } from './package.ts';
import { LIFE_EVENTS, searchable, searchTextOf, type ServiceMeta } from './service-meta.ts';

export interface CatalogueQuery {
  /** Words to find, in any order, insensitive to case and diacritics. */
  q: string;
  /** Only this department's services ('' for all). */
  department: string;
  groupBy: 'lifeEvent' | 'department';
}

export interface CatalogueGroup<T> {
  key: string;
  label: string;
  procedures: T[];
}

/** Reads a catalogue query from the page's query string; anything unexpected means "no filter". */
export function catalogueQuery(query: Record<string, unknown>): CatalogueQuery {
  const q = typeof query.q === 'string' ? query.q.trim().slice(0, 100) : '';
  const department = typeof query.departament === 'string' ? query.departament.slice(0, 64) : '';
  return { q, department, groupBy: query.grupare === 'departament' ? 'department' : 'lifeEvent' };
}

/**
 * The published services that match the query, grouped by life event or department in a fixed
 * order (groups with no match are left out), each with its department's name.
 */
export async function catalogueGroups<T>(db: Database, query: CatalogueQuery, lang: Lang, shape: (pkg: StoredPackage, department?: Text) => T): Promise<{ groups: Array<CatalogueGroup<T>>; departments: Array<{ code: string; label: string }>; total: number; shown: number }> {
  const [packages, departments] = await Promise.all([listLatestPackages(db), listDepartments(db)]);
  const names = new Map(departments.map((d) => [d.code, d.name]));
  const words = searchable(query.q).split(/\s+/).filter(Boolean);
  const matching = packages.filter((p) => {
    const meta = p.meta as StoredPackage['meta'] & ServiceMeta;
    if (query.department && meta.department !== query.department) return false;
    const text = searchTextOf(meta, meta.department ? names.get(meta.department) : undefined);
    return words.every((w) => text.includes(w));
  });
  const order = query.groupBy === 'department'
    ? [...departments.map((d) => ({ key: d.code, label: d.name[lang] })), { key: '', label: lang === 'en' ? 'Other services' : 'Alte servicii' }]
    : LIFE_EVENTS.map((e) => ({ key: e.key, label: e[lang] }));
  const fallback = order[order.length - 1]!.key;
  const groups = order.map((g) => ({ ...g, procedures: [] as T[] }));
  for (const pkg of matching) {
    const meta = pkg.meta as StoredPackage['meta'] & ServiceMeta;
    const key = (query.groupBy === 'department' ? meta.department : meta.lifeEvent) ?? fallback;
    const group = groups.find((g) => g.key === key) ?? groups[groups.length - 1]!;
    group.procedures.push(shape(pkg, meta.department ? names.get(meta.department) : undefined));
  }
  const usedDepartments = new Set(packages.map((p) => (p.meta as ServiceMeta).department).filter(Boolean));
  return {
    groups: groups.filter((g) => g.procedures.length > 0),
    departments: departments.filter((d) => usedDepartments.has(d.code)).map((d) => ({ code: d.code, label: d.name[lang] })),
    total: packages.length,
    shown: matching.length,
  };
}

/** A term as { amount, unit } with the unit in its canonical spelling, or undefined when unreadable. */
export function canonicalTerm(term: ServiceMeta['targetTerm']): { amount: number; unit: string } | undefined {
  if (!term) return undefined;
  try {
    return { amount: term.amount, unit: parseUnit(term.unit) };
  } catch {
    return undefined;
  }
}

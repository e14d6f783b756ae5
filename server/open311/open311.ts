import { AppError } from '../../engine/index.ts';
import type { JsonSchema, Lang } from '../../forms/index.ts';
import type { User } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { listDepartments } from '../departments/departments-store.ts';
import { listLatestPackages, type StoredPackage } from '../procedures/catalogue.ts';
import type { ServiceMeta } from '../procedures/service-meta.ts';
import { submitRequest } from '../requests/submit-request.ts';
import { listPublicReports, type PublicReport, type ReportFilter } from './reports-store.ts';

/**
 * Where a procedure keeps what Open311 speaks of (procedure.json `open311`): the form fields of the
 * category (an enum of `oneOf` const/title: one Open311 service each), the description, the place
 * (an object with `adresa`, `lat`, `lon`) and the photos.
 */
export interface Open311Fields { service: string; description: string; location: string; media?: string }

/** One kind of report, as GeoReport v2 lists it. */
export interface ReportService {
  code: string;
  name: string;
  procedure: StoredPackage;
  fields: Open311Fields;
}

/** The services of every published procedure that declares `open311`; a code already taken keeps its first procedure. */
export async function reportServices(ctx: AppContext, lang: Lang): Promise<ReportService[]> {
  const services: ReportService[] = [];
  for (const pkg of await listLatestPackages(ctx.db)) {
    const fields = open311Fields(pkg);
    if (!fields) continue;
    const node = (pkg.forms[pkg.meta.requestForm]?.schema.properties as Record<string, JsonSchema> | undefined)?.[fields.service];
    for (const option of (node?.oneOf as JsonSchema[] | undefined) ?? []) {
      if (typeof option.const !== 'string' || services.some((s) => s.code === option.const)) continue;
      const en = (option['x-labels'] as { en?: { title?: string } } | undefined)?.en?.title;
      services.push({ code: option.const, name: (lang === 'en' ? en : undefined) ?? String(option.title ?? option.const), procedure: pkg, fields });
    }
  }
  return services;
}

function open311Fields(pkg: StoredPackage): Open311Fields | undefined {
  const raw = pkg.meta.open311 as Partial<Open311Fields> | undefined;
  if (!raw || typeof raw.service !== 'string' || typeof raw.description !== 'string' || typeof raw.location !== 'string') return undefined;
  return { service: raw.service, description: raw.description, location: raw.location, ...(typeof raw.media === 'string' ? { media: raw.media } : {}) };
}

/** Reports of every Open311 procedure, newest first, with their due dates and service names. */
export async function publicReports(ctx: AppContext, lang: Lang, filter: ReportFilter, known?: ReportService[]): Promise<Array<PublicReport & { serviceName: string; department?: string }>> {
  // A caller that already read the services (the public page lists them too) passes them in.
  const services = known ?? await reportServices(ctx, lang);
  const departments = new Map((await listDepartments(ctx.db)).map((d) => [d.code, d.name[lang]]));
  const procedures = [...new Map(services.map((s) => [s.procedure.key, s])).values()];
  const reports: PublicReport[] = [];
  for (const s of procedures) reports.push(...await listPublicReports(ctx.db, s.procedure.key, s.fields, filter));
  reports.sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
  const shown = reports.slice(0, filter.limit);
  const instances = new Map((await ctx.engine.getInstances(shown.map((r) => r.instanceId))).map((i) => [i.id, i]));
  return shown.map((r) => {
    const service = services.find((s) => s.code === r.category);
    const department = (service?.procedure.meta as ServiceMeta | undefined)?.department;
    const due = instances.get(r.instanceId)?.clock?.due;
    return { ...r, dueDate: due ?? null, serviceName: service?.name ?? r.category, ...(department && departments.has(department) ? { department: departments.get(department)! } : {}) };
  });
}

/** A GeoReport v2 POST as a citizen's request of the service's procedure (validated by its form like any other). */
export async function submitReport(ctx: AppContext, citizen: User, lang: Lang, post: Record<string, unknown>): Promise<{ id: string; registrationNumber: string; dueDate: string | null }> {
  const code = text(post.service_code);
  const service = (await reportServices(ctx, lang)).find((s) => s.code === code);
  if (!service) throw new AppError('bad-input', { ro: `service_code "${code}" nu este un serviciu Open311 al primăriei (vedeți services.json)`, en: `service_code "${code}" is not one of the city hall's Open311 services (see services.json)` });
  const lat = coordinate(post.lat, 90, 'lat');
  const lon = coordinate(post.long, 180, 'long');
  const address = text(post.address_string) || (lat !== undefined && lon !== undefined ? `${lat}, ${lon}` : '');
  if (!address) throw new AppError('bad-input', { ro: 'Dați locul: address_string sau lat și long', en: 'Give the place: address_string, or lat and long' });
  const name = [text(post.first_name), text(post.last_name)].filter(Boolean).join(' ') || citizen.name || citizen.email;
  const data = {
    nume: name,
    email: text(post.email) || citizen.email,
    [service.fields.service]: service.code,
    [service.fields.location]: { adresa: address, ...(lat !== undefined ? { lat } : {}), ...(lon !== undefined ? { lon } : {}) },
    [service.fields.description]: text(post.description),
  };
  const submitted = await submitRequest(ctx, { key: service.procedure.key, data, citizen, lang });
  return { id: submitted.id, registrationNumber: submitted.registrationNumber, dueDate: submitted.dueDate };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function coordinate(value: unknown, bound: number, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (typeof value !== 'string' && typeof value !== 'number') throw new AppError('bad-input', `${name} must be a number`);
  if (!Number.isFinite(n) || Math.abs(n) > bound) throw new AppError('bad-input', { ro: `${name} trebuie să fie un număr între -${bound} și ${bound}`, en: `${name} must be a number between -${bound} and ${bound}` });
  return n;
}

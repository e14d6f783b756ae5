import { AppError, isUuid, type DeadlineView, type DeployedDefinition, type EventView } from '../../engine/index.ts';
import type { User } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { packageOfDefinition } from '../procedures/catalogue.ts';
import type { Text } from '../procedures/package.ts';

export interface RequestRow {
  id: string;
  instanceId: string;
  procedureKey: string;
  definitionId: string;
  citizenId: string | null;
  registrationNumber: string;
  data: Record<string, unknown>;
  lang: 'ro' | 'en';
  submittedAt: string;
}

export interface RequestView extends RequestRow {
  procedureTitle: Text;
  status: string;
  /** Where the request is, in the words of the model (element names). */
  currentSteps: string[];
  variables: Record<string, unknown>;
  clock?: DeadlineView;
  history: EventView[];
  documents: Array<{ id: string; title: string; registrationNumber: string; sha256: string; issuedAt: string; hasPdf: boolean }>;
  completions: Array<{ id: string; message: string; requestedAt: string; answeredAt: string | null }>;
  openTasks: Array<{ id: string; elementId: string; name: string | null; candidateGroups: string[]; assignee: string | null; due: string | null }>;
}

interface Row { id: string; instance_id: string; procedure_key: string; definition_id: string; citizen_id: string | null; registration_number: string; data: Record<string, unknown>; lang: 'ro' | 'en'; submitted_at: Date }

const COLUMNS = 'id, instance_id, procedure_key, definition_id, citizen_id, registration_number, data, lang, submitted_at';

function toRow(r: Row): RequestRow {
  return { id: r.id, instanceId: r.instance_id, procedureKey: r.procedure_key, definitionId: r.definition_id, citizenId: r.citizen_id, registrationNumber: r.registration_number, data: r.data, lang: r.lang, submittedAt: new Date(r.submitted_at).toISOString() };
}

export async function findRequest(ctx: AppContext, id: string): Promise<RequestRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await ctx.db.query<Row>(`select ${COLUMNS} from requests where id = $1`, [id]);
  return row ? toRow(row) : undefined;
}

export async function findRequestByInstance(ctx: AppContext, instanceId: string): Promise<RequestRow | undefined> {
  const [row] = await ctx.db.query<Row>(`select ${COLUMNS} from requests where instance_id = $1`, [instanceId]);
  return row ? toRow(row) : undefined;
}

async function listRequestsOf(ctx: AppContext, citizenId: string): Promise<RequestRow[]> {
  return (await ctx.db.query<Row>(`select ${COLUMNS} from requests where citizen_id = $1 order by submitted_at desc, reg_number desc limit 500`, [citizenId])).map(toRow);
}

/** The procedure's title from its package, or its key when the package has none. */
const titleOf = (pkg: { meta: { title: Text } } | undefined, key: string): Text => pkg?.meta.title ?? { ro: key, en: key };

/** Where a request is, in the words of its model (element names, ids where unnamed). */
const stepNames = (definition: DeployedDefinition, active: string[]): string[] => active.map((id) => definition.definition.elements[id]?.name ?? id);

/** What a list of requests shows: where each is, not its history, files or answers. */
export type RequestSummary = RequestRow & Pick<RequestView, 'procedureTitle' | 'status' | 'currentSteps' | 'clock'>;

/** A citizen's requests, newest first, read in a fixed number of queries whatever their count. */
export async function listRequestSummaries(ctx: AppContext, citizenId: string): Promise<RequestSummary[]> {
  const rows = await listRequestsOf(ctx, citizenId);
  const instances = new Map((await ctx.engine.getInstances(rows.map((r) => r.instanceId))).map((i) => [i.id, i]));
  const titles = new Map<string, Text>();
  const definitions = new Map<string, DeployedDefinition>();
  const summaries: RequestSummary[] = [];
  for (const row of rows) {
    const instance = instances.get(row.instanceId);
    if (!instance) continue;
    if (!titles.has(row.definitionId)) titles.set(row.definitionId, titleOf(await packageOfDefinition(ctx.db, row.definitionId), row.procedureKey));
    const version = `${row.procedureKey}@${instance.version}`;
    if (!definitions.has(version)) definitions.set(version, await ctx.engine.findDefinition(row.procedureKey, instance.version));
    const definition = definitions.get(version)!;
    summaries.push({
      ...row,
      procedureTitle: titles.get(row.definitionId)!,
      status: instance.status,
      currentSteps: stepNames(definition, instance.active),
      ...(instance.clock ? { clock: instance.clock } : {}),
    });
  }
  return summaries;
}

/**
 * Who may see a request: its citizen; a clerk whose department has or had one of its tasks (or who
 * was assigned one); admins. Everyone else gets "not found", so ids leak nothing.
 */
async function canSee(ctx: AppContext, user: User, request: RequestRow): Promise<boolean> {
  if (user.role === 'admin') return true;
  if (user.role === 'citizen') return request.citizenId === user.id;
  return canSeeInstance(ctx, user, request.instanceId);
}

/**
 * The clerks' half of that rule, for any instance, a request's or not (started from the CLI or by
 * a message): one of its tasks is or was in their departments, or was given to them.
 */
export async function canSeeInstance(ctx: AppContext, user: User, instanceId: string): Promise<boolean> {
  if (user.role === 'admin') return true;
  if (user.role !== 'clerk') return false;
  const [row] = await ctx.db.query<{ n: number }>(
    `select count(*)::int as n from engine_events_v
     where instance_id = $1 and type in ('task.created', 'task.claimed', 'task.reassigned')
       and (data -> 'candidateGroups' ?| $2::text[] or data ->> 'assignee' = $3)`,
    [instanceId, user.departments, user.email],
  );
  return (row?.n ?? 0) > 0;
}

export async function requireVisibleRequest(ctx: AppContext, user: User, id: string): Promise<RequestRow> {
  const request = await findRequest(ctx, id);
  if (!request || !(await canSee(ctx, user, request))) throw new AppError('not-found', { ro: 'Cererea nu există.', en: 'The request does not exist.' });
  return request;
}

export async function viewRequest(ctx: AppContext, request: RequestRow): Promise<RequestView> {
  const instance = await ctx.engine.getInstance(request.instanceId);
  const pkg = await packageOfDefinition(ctx.db, request.definitionId);
  const definition = await ctx.engine.findDefinition(request.procedureKey, instance.version);
  const documents = await ctx.db.query<{ id: string; title: string; registration_number: string; sha256: string; issued_at: Date; has_pdf: boolean }>(
    "select id, title, registration_number, sha256, issued_at, (pdf is not null or pdf_status = 'pending') as has_pdf from documents where request_id = $1 order by issued_at", [request.id]);
  const completions = await ctx.db.query<{ id: string; message: string; requested_at: Date; answered_at: Date | null }>(
    'select id, message, requested_at, answered_at from completion_requests where request_id = $1 order by requested_at', [request.id]);
  const openTasks = await ctx.engine.listTasks({ instanceId: request.instanceId });
  return {
    ...request,
    procedureTitle: titleOf(pkg, request.procedureKey),
    status: instance.status,
    currentSteps: stepNames(definition, instance.active),
    variables: instance.variables,
    ...(instance.clock ? { clock: instance.clock } : {}),
    history: instance.events,
    documents: documents.map((d) => ({ id: d.id, title: d.title, registrationNumber: d.registration_number, sha256: d.sha256, issuedAt: new Date(d.issued_at).toISOString(), hasPdf: d.has_pdf })),
    completions: completions.map((c) => ({ id: c.id, message: c.message, requestedAt: new Date(c.requested_at).toISOString(), answeredAt: c.answered_at ? new Date(c.answered_at).toISOString() : null })),
    openTasks,
  };
}

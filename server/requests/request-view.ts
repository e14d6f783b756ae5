import { AppError, type DeadlineView, type DeployedDefinition, type EventView } from '../../engine/index.ts';
import type { User } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { packageOfDefinition } from '../procedures/catalogue.ts';
import type { Text } from '../procedures/package.ts';
import { documentsOfRequest, type DocumentSummary } from '../documents/documents-store.ts';
import { completionsOfRequest } from './completion-store.ts';
import { requestById, requestOfInstance, requestsOfCitizen, type StoredRequest } from './requests-store.ts';

export interface RequestView extends StoredRequest {
  procedureTitle: Text;
  status: string;
  /** Where the request is, in the words of the model (element names). */
  currentSteps: string[];
  /** Every element's name in the model, by id (history lines name their step). */
  elementNames: Record<string, string>;
  /** The model's version the request runs on (its diagram). */
  version: number;
  /** Elements holding a token now (the diagram highlights them). */
  active: string[];
  variables: Record<string, unknown>;
  clock?: DeadlineView;
  history: EventView[];
  documents: DocumentSummary[];
  completions: Array<{ id: string; message: string; requestedAt: string; answeredAt: string | null }>;
  openTasks: Array<{ id: string; elementId: string; name: string | null; candidateGroups: string[]; assignee: string | null; due: string | null }>;
}

export async function findRequest(ctx: AppContext, id: string): Promise<StoredRequest | undefined> {
  return requestById(ctx.db, id);
}

export async function findRequestByInstance(ctx: AppContext, instanceId: string): Promise<StoredRequest | undefined> {
  return requestOfInstance(ctx.db, instanceId);
}

/** The procedure's title from its package, or its key when the package has none. */
const titleOf = (pkg: { meta: { title: Text } } | undefined, key: string): Text => pkg?.meta.title ?? { ro: key, en: key };

/** Where a request is, in the words of its model (element names, ids where unnamed). */
const stepNames = (definition: DeployedDefinition, active: string[]): string[] => active.map((id) => definition.definition.elements[id]?.name ?? id);

/** What a list of requests shows: where each is, not its history, files or answers. */
export type RequestSummary = StoredRequest & Pick<RequestView, 'procedureTitle' | 'status' | 'currentSteps' | 'clock'>;

/** A citizen's requests, newest first, read in a fixed number of queries whatever their count. */
export async function listRequestSummaries(ctx: AppContext, citizenId: string): Promise<RequestSummary[]> {
  const rows = await requestsOfCitizen(ctx.db, citizenId);
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
async function canSee(ctx: AppContext, user: User, request: StoredRequest): Promise<boolean> {
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

export async function requireVisibleRequest(ctx: AppContext, user: User, id: string): Promise<StoredRequest> {
  const request = await findRequest(ctx, id);
  if (!request || !(await canSee(ctx, user, request))) throw new AppError('not-found', { ro: 'Cererea nu există.', en: 'The request does not exist.' });
  return request;
}

export async function viewRequest(ctx: AppContext, request: StoredRequest): Promise<RequestView> {
  const instance = await ctx.engine.getInstance(request.instanceId);
  const pkg = await packageOfDefinition(ctx.db, request.definitionId);
  const definition = await ctx.engine.findDefinition(request.procedureKey, instance.version);
  const documents = await documentsOfRequest(ctx.db, request.id);
  const completions = await completionsOfRequest(ctx.db, request.id);
  const openTasks = await ctx.engine.listTasks({ instanceId: request.instanceId });
  return {
    ...request,
    procedureTitle: titleOf(pkg, request.procedureKey),
    status: instance.status,
    currentSteps: stepNames(definition, instance.active),
    elementNames: Object.fromEntries(Object.values(definition.definition.elements).filter((e) => e.name).map((e) => [e.id, e.name!])),
    version: instance.version,
    active: instance.active,
    variables: instance.variables,
    ...(instance.clock ? { clock: instance.clock } : {}),
    history: instance.events,
    documents,
    completions,
    openTasks,
  };
}

import { randomInt, randomUUID } from 'node:crypto';
import { AppError, createEnginePort, type Database } from '../../engine/index.ts';
import { validateForm, type JsonSchema, type Lang } from '../../forms/index.ts';
import { hashSecret } from '../auth/secrets.ts';
import type { User } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { notifyInBackground } from '../notifications/notify.ts';
import { getPackage, type StoredPackage } from '../procedures/catalogue.ts';
import { takeNumbers, type RegistryNumber } from '../registry/registry.ts';
import { attachUploads, requestFormPurpose } from '../uploads/uploads.ts';
import { findByIdempotencyKey, insertRequests, replaceSecretHash, type NewRequest } from './requests-store.ts';
import { SubmissionBatch } from './submission-batch.ts';

export interface Submitted {
  id: string;
  registrationNumber: string;
  status: string;
  dueDate: string | null;
  /** The code printed on the receipt for the public status check; shown once, stored hashed. */
  secret?: string;
  /** True when an earlier submission with the same idempotency key is returned. */
  replayed?: boolean;
}

/** Accepts data for procedures without a form: any JSON object within the general limits. */
const ANY_OBJECT: JsonSchema = { type: 'object' };

/**
 * A citizen's request: validated against the procedure's form, its instance started with the data
 * as variables, and then, last, numbered in its register (the number becomes the instance's
 * business key and its `registrationNumber` variable) and its request row written with it, all in
 * ONE transaction (shared with concurrent submissions: submission-batch.ts). The number is taken last so
 * that the procedure's expressions never run while the register's counter row is locked; they see
 * `requestId` but not yet `registrationNumber` in the first step. Invalid data never reaches the
 * engine; a retried submission with the same idempotency key returns the first one.
 *
 * `reissueCode`: a replay also gets a new receipt code (the old one stops working). The portal asks
 * for it: when a double click or a resubmitted page replays a submission, the browser may never
 * have shown the first answer, and the code, stored only as a hash, could not be shown again.
 */
export async function submitRequest(ctx: AppContext, input: { key: string; pkg?: StoredPackage; data: unknown; citizen: User; lang: Lang; idempotencyKey?: string; reissueCode?: boolean }): Promise<Submitted> {
  // The package the caller already read for this request, else the latest.
  const pkg = input.pkg?.key === input.key ? input.pkg : await getPackage(ctx.db, input.key);
  const form = pkg.forms[pkg.meta.requestForm];
  const result = validateForm(form?.schema ?? ANY_OBJECT, input.data, { id: `${pkg.key}/${pkg.meta.requestForm}`, version: pkg.version, lang: input.lang });
  if (!result.valid) throw new AppError('form-invalid', { ro: 'Cererea are câmpuri de corectat.', en: 'Some fields need correcting.' }, { details: result.errors });
  const idempotencyKey = checkIdempotencyKey(input.idempotencyKey);
  if (idempotencyKey) {
    const earlier = await replayOf(ctx, input.citizen.id, idempotencyKey, input.reissueCode);
    if (earlier) return earlier;
  }
  const now = ctx.engine.clock.now();
  const secret = newStatusCode();
  try {
    const submitted = await submissionBatchFor(ctx).run(async (tx) => {
      const id = randomUUID();
      await attachUploads(tx, { ownerId: input.citizen.id, requestId: id, purpose: requestFormPurpose(pkg.key, pkg.meta.requestForm), data: result.data, schema: form?.schema ?? ANY_OBJECT, lang: input.lang });
      const request = { id, procedureKey: pkg.key, definitionId: pkg.definitionId, citizenId: input.citizen.id, ...(idempotencyKey ? { idempotencyKey } : {}), data: result.data, lang: input.lang, submittedAt: now };
      return { request, register: pkg.meta.register, secret };
    });
    const dueDate = submitted.dueDate;
    notifyInBackground(ctx, { to: input.citizen.email, template: 'request-registered', lang: input.lang, data: {
      registrationNumber: submitted.registrationNumber, procedureTitle: pkg.meta.title[input.lang], dueDate, statusUrl: `${ctx.config.publicUrl}/cereri/${submitted.id}`,
    } });
    return { id: submitted.id, registrationNumber: submitted.registrationNumber, status: submitted.status, dueDate, secret };
  } catch (err) {
    // Two retries racing with one key: the loser finds the winner's request.
    if (idempotencyKey && isUniqueViolation(err)) {
      const earlier = await replayOf(ctx, input.citizen.id, idempotencyKey, input.reissueCode);
      if (earlier) return earlier;
    }
    throw err;
  }
}

interface Prepared { request: Omit<NewRequest, 'instanceId' | 'number' | 'secretHash'>; register: string; secret: string }
interface Numbered { id: string; registrationNumber: string; status: string; dueDate: string | null }

const batches = new WeakMap<AppContext['engine'], SubmissionBatch<Prepared, Numbered>>();

/** The submissions batch of this engine (its cache must forget the instances it keys). */
function submissionBatchFor(ctx: AppContext): SubmissionBatch<Prepared, Numbered> {
  let batch = batches.get(ctx.engine);
  if (!batch) batches.set(ctx.engine, (batch = new SubmissionBatch(ctx.db, (tx, prepared) => acceptSubmissions(ctx, tx, prepared))));
  return batch;
}

/**
 * Accepts a batch of prepared submissions, in their order. First their instances start, with the
 * data as variables and the request's id (`requestId`), their first steps in one statement: this
 * runs the procedures' expressions, so it comes before any number is taken. Then, with plain SQL
 * only (the register's counter row stays locked until the commit): each register's numbers in one
 * statement, registers in name order (two processes never wait on each other's), the instances'
 * business keys and the numbered request rows in one statement each, sent together (one round trip
 * fewer while the counter row is locked).
 */
async function acceptSubmissions(ctx: AppContext, tx: Database, prepared: Prepared[]): Promise<Numbered[]> {
  const port = createEnginePort(tx);
  const started = await ctx.engine.startEach(prepared.map(({ request }) => ({
    key: request.procedureKey, options: { variables: { ...request.data, requestId: request.id }, definitionId: request.definitionId },
  })), port);
  const numbers: RegistryNumber[] = [];
  for (const register of [...new Set(prepared.map((p) => p.register))].sort()) {
    const mine = prepared.flatMap((p, i) => (p.register === register ? [i] : []));
    const taken = await takeNumbers(tx, register, prepared[mine[0]!]!.request.submittedAt, mine.length, ctx.config.registrationFormat);
    mine.forEach((i, k) => { numbers[i] = taken[k]!; });
  }
  await Promise.all([
    ctx.engine.assignBusinessKeys(started.map((s, i) => ({
      instanceId: s.id, definitionId: s.definitionId, businessKey: numbers[i]!.formatted, variables: { registrationNumber: numbers[i]!.formatted },
    })), port),
    insertRequests(tx, prepared.map((p, i) => ({ ...p.request, instanceId: started[i]!.id, number: numbers[i]!, secretHash: hashSecret(`${numbers[i]!.formatted}:${p.secret}`) }))),
  ]);
  return prepared.map((p, i) => ({ id: p.request.id, registrationNumber: numbers[i]!.formatted, status: started[i]!.status, dueDate: started[i]!.due ?? null }));
}

function checkIdempotencyKey(key: string | undefined): string | undefined {
  if (key === undefined || key === '') return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw new AppError('bad-input', 'Idempotency-Key must be 1-200 visible ASCII characters');
  return key;
}

/** The receipt's code for the public status check: 8 digits. */
function newStatusCode(): string {
  return String(randomInt(0, 1e8)).padStart(8, '0');
}

async function replayOf(ctx: AppContext, citizenId: string, key: string, reissueCode = false): Promise<Submitted | undefined> {
  const earlier = await findByIdempotencyKey(ctx.db, citizenId, key);
  if (!earlier) return undefined;
  const instance = await ctx.engine.getInstance(earlier.instanceId);
  const replay: Submitted = { id: earlier.id, registrationNumber: earlier.registrationNumber, status: instance.status, dueDate: instance.clock?.due ?? null, replayed: true };
  if (!reissueCode) return replay;
  const secret = newStatusCode();
  await replaceSecretHash(ctx.db, earlier.id, hashSecret(`${earlier.registrationNumber}:${secret}`));
  return { ...replay, secret };
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

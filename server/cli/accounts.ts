import { AppError } from '../../engine/index.ts';
import { setOneTimePassword } from '../auth/passwords.ts';
import { issueApiToken, listApiTokens, parseLifetime, revokeApiToken } from '../auth/tokens.ts';
import { createUser, findUserByEmail, ROLES, type Role } from '../auth/users.ts';
import { listAccounts } from '../auth/users-store.ts';
import type { OpenedEngine } from '../open-engine.ts';
import { seedDepartments } from '../seed.ts';
import type { CliCommand, CliContext, Values } from './command.ts';

type Open = (values: Values, ctx: CliContext) => Promise<OpenedEngine>;

/** Passwords come on stdin, never as arguments: arguments show up in `ps` and shell history. */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new AppError('bad-input', 'Pipe the password in, e.g. printf %s "$PASSWORD" | dosar user create ... --password-stdin');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** `dosar user list`: every account (by role, then by email), or those of one role. */
async function listUsers({ db }: OpenedEngine, role: unknown) {
  if (role !== undefined && !ROLES.includes(role as Role)) throw new AppError('bad-input', `--role must be one of ${ROLES.join(', ')}`);
  const users = (await listAccounts(db, ACCOUNTS_LISTED)).filter((u) => role === undefined || u.role === role);
  const lines = users.map((u) => `${u.role.padEnd(8)} ${u.email}${u.name ? `  ${u.name}` : ''}${u.departments.length ? `  (${u.departments.join(', ')})` : ''}`);
  return { json: { users }, text: lines.length ? lines.join('\n') : 'no accounts' };
}

/** The CLI lists every account a city hall has, where the admin page shows the first 500. */
const ACCOUNTS_LISTED = 1_000_000;

/** `dosar user create|reset-password|list` and `dosar token create|list|revoke`: real accounts and API tokens. */
export function accountCommands(open: Open): Record<string, CliCommand> {
  return {
    user: {
      usage: 'create <email> --role <citizen|clerk|analyst|admin|sef> [--name N] [--department D]... --password-stdin | reset-password <email> | list [--role R]',
      options: { role: { type: 'string' }, name: { type: 'string' }, department: { type: 'string', multiple: true }, 'password-stdin': { type: 'boolean' } },
      async run(positionals, values, ctx) {
        if (positionals[0] === 'list' && positionals.length === 1) return listUsers(await open(values, ctx), values.role);
        if (!['create', 'reset-password'].includes(positionals[0] ?? '') || positionals.length !== 2) throw new AppError('bad-input', `Usage: dosar user ${this.usage}`);
        if (positionals[0] === 'reset-password') {
          // Any account, demo ones included: a one-time password, printed once, changed at the next sign-in.
          const { db } = await open(values, ctx);
          const { user, password } = await setOneTimePassword(db, positionals[1]);
          if (!values.json) process.stderr.write(`One-time password for ${user.email}, shown only now: it must be changed at the next sign-in; the account's sessions have ended.\n`);
          return { json: { email: user.email, password }, text: password };
        }
        const role = values.role as string | undefined;
        if (!role || !ROLES.includes(role as Role)) throw new AppError('bad-input', `--role must be one of ${ROLES.join(', ')}`);
        const departments = (values.department as string[] | undefined) ?? [];
        if (departments.length > 0 && role !== 'clerk' && role !== 'admin' && role !== 'sef') throw new AppError('bad-input', 'Only clerks, heads of department and admins belong to departments');
        if (role === 'sef' && departments.length === 0) throw new AppError('bad-input', 'A head of department (sef) heads at least one department: give --department');
        const password = values['password-stdin'] ? await readStdin() : undefined;
        const { engine, db } = await open(values, ctx);
        await seedDepartments(db);
        const user = await createUser(db, { email: positionals[1]!, role: role as Role, ...(password !== undefined ? { password } : {}), departments, ...(typeof values.name === 'string' ? { name: values.name } : {}) }, engine.clock.now());
        return { json: { id: user.id, email: user.email, role: user.role, departments: user.departments }, text: `created ${user.role} ${user.email}${user.departments.length ? ` in ${user.departments.join(', ')}` : ''}` };
      },
    },
    token: {
      usage: 'create <email> [--expires-in 30d] | list <email> | revoke <tokenId>',
      options: { 'expires-in': { type: 'string' } },
      async run(positionals, values, ctx) {
        const [action, arg] = positionals;
        if (!['create', 'list', 'revoke'].includes(action ?? '') || positionals.length !== 2) throw new AppError('bad-input', `Usage: dosar token ${this.usage}`);
        if (values['expires-in'] !== undefined && action !== 'create') throw new AppError('bad-input', '--expires-in goes with "token create"');
        const lifetime = values['expires-in'] === undefined ? undefined : parseLifetime(values['expires-in']);
        const { engine, db } = await open(values, ctx);
        const now = engine.clock.now();
        if (action === 'revoke') {
          const token = await revokeApiToken(db, arg!, now);
          return { json: token, text: `revoked ${token.id} of ${token.email} at ${token.revokedAt}` };
        }
        const user = await findUserByEmail(db, arg!);
        if (!user) throw new AppError('not-found', `No account has the email ${arg}`);
        if (action === 'list') {
          const tokens = await listApiTokens(db, user.id, now);
          const lines = tokens.map((t) => `${t.id}  ${t.state.padEnd(7)}  created ${t.createdAt}  expires ${t.expiresAt}  last used ${t.lastUsedAt ?? 'never'}`);
          return { json: { email: user.email, tokens }, text: lines.length ? lines.join('\n') : `${user.email} has no tokens` };
        }
        const { token, view } = await issueApiToken(db, user.id, now, lifetime);
        // Only the token on stdout, so TOKEN=$(dosar token create …) works; the advice goes to stderr.
        if (!values.json) process.stderr.write(`Shown only now: keep it secret; send it as "Authorization: Bearer <token>". It expires at ${view.expiresAt} (id ${view.id}).\n`);
        return { json: { token, id: view.id, email: user.email, expiresAt: view.expiresAt }, text: token };
      },
    },
  };
}

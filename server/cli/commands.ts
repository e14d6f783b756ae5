import { readFile, stat } from 'node:fs/promises';
import { AppError, type Engine, parseVariables } from '../../engine/index.ts';
import { openEngine, type OpenedEngine } from '../open-engine.ts';
import { deployWithDecisions, inheritPackage } from '../procedures/deploy-package.ts';
import { normaliseMeta, readPackage, type ProcedurePackage } from '../procedures/package.ts';
import { seedDepartments } from '../seed.ts';
import { accountCommands } from './accounts.ts';
import { archiveCommand } from './archive.ts';
import { demoCommands } from './demo.ts';
import { paymentsCommand } from './payments.ts';
import { calendarCommand, termCommand } from './term.ts';
import type { CliCommand, CliContext, Values } from './command.ts';

export type { CliContext, CliOutput } from './command.ts';

async function openFor(values: Values, ctx: CliContext): Promise<OpenedEngine> {
  const opened = await openEngine({ at: values.at as string | undefined });
  ctx.close.push(opened.close);
  return opened;
}

async function engineFor(values: Values, ctx: CliContext): Promise<Engine> {
  return (await openFor(values, ctx)).engine;
}

function one(positionals: string[], what: string, usage: string): string {
  if (positionals.length !== 1) throw new AppError('bad-input', `Expected ${what}. Usage: dosar ${usage}`);
  return positionals[0]!;
}

function str(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

const MAX_FILE_BYTES = Number(process.env.DOSAR_MAX_XML_BYTES ?? 5 * 1024 * 1024);

export const COMMANDS: Record<string, CliCommand> = {
  deploy: {
    usage: '<file.bpmn|file.dmn|procedure folder>...',
    options: {},
    async run(files, values, ctx) {
      if (files.length === 0) throw new AppError('bad-input', 'Name at least one .bpmn or .dmn file or procedure folder. Usage: dosar deploy <file.bpmn|file.dmn|procedure folder>...');
      const xmls: string[] = [];
      const dmns: string[] = [];
      // A folder is a whole package (its model, procedure.json, forms, templates, decisions), as under procedures/.
      const folders: ProcedurePackage[] = [];
      for (const file of files) {
        const info = await stat(file).catch(() => undefined);
        if (info?.isDirectory()) {
          folders.push(await readPackage(file));
          continue;
        }
        if (!info?.isFile()) throw new AppError('bad-input', `Cannot read "${file}": no such file or folder`);
        if (info.size > MAX_FILE_BYTES) throw new AppError('xml-too-large', `"${file}" is ${info.size} bytes; the limit is ${MAX_FILE_BYTES} (DOSAR_MAX_XML_BYTES)`);
        // Decisions go first, in the same transaction: the models given with them may call them.
        (file.toLowerCase().endsWith('.dmn') ? dmns : xmls).push(await readFile(file, 'utf8'));
      }
      const { engine, db } = await openFor(values, ctx);
      // The departments a package's catalogue data names, as npm start has them on an installation it never ran on.
      if (folders.length > 0) await seedDepartments(db);
      const packages = [...folders, ...await Promise.all(xmls.map((xml) => inheritPackage(db, { xml, meta: normaliseMeta({}), forms: {}, templates: {} })))];
      const result = await deployWithDecisions(engine, db, packages, dmns, 'dosar deploy');
      const decisions = result.decisions.map(({ key, version, id }) => ({ key, version, id }));
      const deployed = result.definitions.map(({ key, version, id }) => ({ key, version, id }));
      return {
        json: { deployed, decisions },
        text: [...decisions.map((d) => `deployed decision ${d.key} version ${d.version} (${d.id})`), ...deployed.map((d) => `deployed ${d.key} version ${d.version} (${d.id})`)].join('\n'),
      };
    },
  },

  start: {
    usage: "<key> [--vars '<json>'] [--business-key K] [--version N]",
    options: { vars: { type: 'string' }, 'business-key': { type: 'string' }, version: { type: 'string' } },
    async run(positionals, values, ctx) {
      const key = one(positionals, 'a procedure key', `start ${this.usage}`);
      const variables = parseVariables(str(values, 'vars'), '--vars');
      const version = str(values, 'version');
      if (version !== undefined && !/^\d+$/.test(version)) throw new AppError('bad-input', '--version must be a whole number');
      const engine = await engineFor(values, ctx);
      const result = await engine.start(key, { variables, businessKey: str(values, 'business-key'), ...(version ? { version: Number(version) } : {}) });
      return { json: result, text: `${result.id} ${result.status}` };
    },
  },

  tasks: {
    usage: '[--instance ID] [--group G] [--assignee U]',
    options: { instance: { type: 'string' }, group: { type: 'string' }, assignee: { type: 'string' } },
    async run(positionals, values, ctx) {
      if (positionals.length > 0) throw new AppError('bad-input', `Unexpected "${positionals[0]}". Usage: dosar tasks ${this.usage}`);
      const engine = await engineFor(values, ctx);
      const tasks = (await engine.listTasks({ instanceId: str(values, 'instance'), group: str(values, 'group'), assignee: str(values, 'assignee') }))
        .map(({ id, instanceId, elementId, name, candidateGroups, assignee, due }) => ({ id, instanceId, elementId, name, candidateGroups, assignee, due }));
      return {
        json: { tasks },
        text: tasks.length === 0 ? 'no open tasks' : tasks.map((t) => `${t.id}  ${t.elementId}  ${t.name ?? ''}  [${t.candidateGroups.join(',')}]  ${t.assignee ?? '-'}  ${t.due ?? ''}`).join('\n'),
      };
    },
  },

  complete: {
    usage: "<taskId> [--vars '<json>']",
    options: { vars: { type: 'string' } },
    async run(positionals, values, ctx) {
      const taskId = one(positionals, 'a task id', `complete ${this.usage}`);
      const variables = parseVariables(str(values, 'vars'), '--vars');
      const engine = await engineFor(values, ctx);
      await engine.completeTask(taskId, variables);
      return { json: { id: taskId, status: 'completed' }, text: `completed ${taskId}` };
    },
  },

  correlate: {
    usage: "<messageName> [--instance ID | --business-key K] [--vars '<json>']",
    options: { instance: { type: 'string' }, 'business-key': { type: 'string' }, vars: { type: 'string' } },
    async run(positionals, values, ctx) {
      const name = one(positionals, 'a message name', `correlate ${this.usage}`);
      const instanceId = str(values, 'instance');
      const businessKey = str(values, 'business-key');
      // Neither: the message can only start a procedure (a message start event needs no key).
      if (instanceId && businessKey) throw new AppError('bad-input', 'Give --instance or --business-key, not both');
      const variables = parseVariables(str(values, 'vars'), '--vars');
      const engine = await engineFor(values, ctx);
      const result = await engine.correlate(name, { instanceId, businessKey }, variables);
      return { json: { correlated: true, ...result }, text: `${result.started ? 'started' : 'correlated to'} ${result.instanceId}` };
    },
  },

  signal: {
    usage: "<signalName> [--vars '<json>']",
    options: { vars: { type: 'string' } },
    async run(positionals, values, ctx) {
      const name = one(positionals, 'a signal name', `signal ${this.usage}`);
      const variables = parseVariables(str(values, 'vars'), '--vars');
      const engine = await engineFor(values, ctx);
      const result = await engine.broadcastSignal(name, variables);
      return { json: result, text: `signal ${result.signalName} delivered to ${result.deliveries} receiver(s)` };
    },
  },

  conditions: {
    usage: "--vars '<json>' [--business-key K]",
    options: { vars: { type: 'string' }, 'business-key': { type: 'string' } },
    async run(positionals, values, ctx) {
      if (positionals.length > 0 || str(values, 'vars') === undefined) throw new AppError('bad-input', `Give the variables. Usage: dosar conditions ${this.usage}`);
      const variables = parseVariables(str(values, 'vars'), '--vars');
      const businessKey = str(values, 'business-key');
      const engine = await engineFor(values, ctx);
      const started = await engine.evaluateConditions(variables, businessKey ? { businessKey } : {});
      return { json: { started }, text: started.length === 0 ? 'no conditional start event holds' : started.map((s) => `started ${s.id} (${s.key} v${s.version} at ${s.startEventId})`).join('\n') };
    },
  },

  retry: {
    usage: '<instanceId> [--retries N]',
    options: { retries: { type: 'string' } },
    async run(positionals, values, ctx) {
      const id = one(positionals, 'an instance id', `retry ${this.usage}`);
      const retries = str(values, 'retries') ?? '1';
      if (!/^\d+$/.test(retries) || Number(retries) < 1 || Number(retries) > 100) throw new AppError('bad-input', '--retries N is a whole number from 1 to 100');
      const engine = await engineFor(values, ctx);
      const before = await engine.getInstance(id);
      if (!before.incident) throw new AppError('conflict', `Instance ${id} has no incident to retry (status ${before.status})`);
      await engine.retryIncident(id, Number(retries));
      const after = await engine.getInstance(id);
      // The job runs at the next tick (or at once under npm start), as any due job does.
      return { json: { id, status: after.status, retried: before.incident }, text: `retried ${before.incident.elementId} of ${id}: ${before.incident.message}; its job runs at the next tick` };
    },
  },

  instance: {
    usage: '<id>',
    options: {},
    async run(positionals, values, ctx) {
      const id = one(positionals, 'an instance id', `instance ${this.usage}`);
      const engine = await engineFor(values, ctx);
      const view = await engine.getInstance(id);
      const json = { ...view, events: view.events.map((e) => ({ type: e.type, ...(e.elementId ? { elementId: e.elementId } : {}), at: e.at })) };
      return {
        json,
        text: [`${view.id} ${view.key} v${view.version} ${view.status}`, `active: ${view.active.join(', ') || '-'}`, `variables: ${JSON.stringify(view.variables)}`, ...view.events.map((e) => `${e.at} ${e.type}${e.elementId ? ` ${e.elementId}` : ''}`)].join('\n'),
      };
    },
  },

  tick: {
    usage: '',
    options: {},
    async run(positionals, values, ctx) {
      if (positionals.length > 0) throw new AppError('bad-input', 'dosar tick takes no arguments');
      const engine = await engineFor(values, ctx);
      const result = await engine.tick();
      return { json: result, text: `fired ${result.timers} timer(s), delivered ${result.signals} signal(s), ran ${result.jobs} job(s)` };
    },
  },

  migrate: {
    usage: '<instanceId> --to-version N --map old=new,...',
    options: { 'to-version': { type: 'string' }, map: { type: 'string' } },
    async run(positionals, values, ctx) {
      const id = one(positionals, 'an instance id', `migrate ${this.usage}`);
      const version = str(values, 'to-version');
      if (!version || !/^\d+$/.test(version)) throw new AppError('bad-input', '--to-version N is required (a whole number)');
      const map = parseMap(str(values, 'map'));
      const engine = await engineFor(values, ctx);
      const view = await engine.migrate(id, Number(version), map);
      return { json: { id: view.id, key: view.key, version: view.version, status: view.status, active: view.active }, text: `${view.id} now on ${view.key} v${view.version}` };
    },
  },

  clock: {
    usage: '<instanceId> (suspend | resume | extend <amount> <days|working-days|weeks|months>) [--reason R] [--source S]',
    options: { reason: { type: 'string' }, source: { type: 'string' } },
    async run(positionals, values, ctx) {
      const [id, action, amount, unit] = positionals;
      if (!id || !action || !['suspend', 'resume', 'extend'].includes(action)) throw new AppError('bad-input', `Usage: dosar clock ${this.usage}`);
      if (action === 'extend' && (!amount || !/^\d+$/.test(amount) || !unit)) throw new AppError('term-invalid', 'Say how long the extension is, e.g. dosar clock <id> extend 15 days --reason "..."');
      const engine = await engineFor(values, ctx);
      const clock = await engine.changeDeadline(id, {
        action: action as 'suspend' | 'resume' | 'extend',
        ...(action === 'extend' ? { amount: Number(amount), unit } : {}),
        ...(str(values, 'reason') ? { reason: str(values, 'reason') } : {}),
        ...(str(values, 'source') ? { source: str(values, 'source') } : {}),
      });
      return { json: { id, clock: { state: clock.state, due: clock.due } }, text: `${clock.state}${clock.due ? `, due ${clock.due}` : ''}` };
    },
  },

  term: termCommand,
  calendar: calendarCommand,
  ...accountCommands(openFor),
  ...demoCommands(openFor),
  payments: paymentsCommand(openFor),
  archive: archiveCommand(openFor),
};

function parseMap(text: string | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  if (!text) return map;
  for (const pair of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([^=\s]+)=([^=\s]+)$/.exec(pair);
    if (!m) throw new AppError('bad-input', `"${pair}" is not old=new in --map`);
    map[m[1]!] = m[2]!;
  }
  return map;
}

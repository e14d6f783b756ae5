import { randomUUID } from 'node:crypto';
import { AppError, type Problem } from '../errors.ts';
import { firstStartTimer } from '../core/start-timers.ts';
import type { TimerRecord } from '../core/types.ts';
import type { Definition, DeployedDefinition } from '../model/definition.ts';
import { compileModel } from '../model/index.ts';
import type { KnownHandlers } from '../model/check-handlers.ts';
import type { EnginePort } from '../ports.ts';
import { isXmlName } from '../ids.ts';
import { assertStorableText } from '../storable-text.ts';
import type { DeployedDecision } from '../dmn/decision.ts';
import { bindDecisions, decisionItems } from './bind-decisions.ts';

/** A BPMN file compiled by `Definitions.compile`: deploying it does not compile it again. */
export interface CompiledModel {
  readonly xml: string;
  readonly definitions: Definition[];
}

export interface DeployOptions {
  deployedBy?: string;
  /** DMN files deployed in the same transaction; the models' business-rule tasks may call them. */
  decisions?: string[];
}

/** Models compiled here: only these are deployed as they are; anything else is compiled from its XML. */
const compiledHere = new WeakSet<CompiledModel>();

/**
 * Deployed definitions: compile and deploy, and look them up by id or by key and version. A
 * definition never changes once deployed, so every one seen is kept (a few per procedure).
 */
export class Definitions {
  private readonly byIdCache = new Map<string, DeployedDefinition>();

  /** The installation's handlers: a model naming another, or giving one bad options, is refused here. */
  constructor(private readonly handlers: KnownHandlers) {}

  async compile(xml: string): Promise<CompiledModel> {
    // A character reference (&#0;, &#xD800;) can bring into the compiled model what the text lacks.
    assertStorableText(xml, { ro: 'Modelul BPMN', en: 'The BPMN model' }, 'xml-invalid');
    const model: CompiledModel = { xml, definitions: await compileModel(xml, { handlers: this.handlers }) };
    compiledHere.add(model);
    return model;
  }

  /** Deploys every process of every file, all or nothing: one bad model stores none. */
  async deploy(models: Array<string | CompiledModel>, options: DeployOptions, port: EnginePort, now: Date): Promise<DeployedDefinition[]> {
    return (await this.deployWithDecisions(models, options, port, now)).definitions;
  }

  /**
   * Deploys DMN files (`options.decisions`) and models together, all or nothing. Each business-rule
   * task is bound to the decision deployed with it, else to the latest one deployed before.
   */
  async deployWithDecisions(models: Array<string | CompiledModel>, options: DeployOptions, port: EnginePort, now: Date): Promise<{ definitions: DeployedDefinition[]; decisions: DeployedDecision[] }> {
    const { decisions: dmnFiles = [], ...rest } = options;
    const decisionRows = await decisionItems(dmnFiles);
    for (const d of decisionRows) assertStorableText(d.xml, { ro: `Fișierul DMN ${d.key}`, en: `The DMN file ${d.key}` }, 'decision-invalid');
    const items: Array<{ key: string; definition: Definition; xml: string; deployedBy?: string }> = [];
    const problems: Problem[] = [];
    for (const model of models) {
      try {
        const { xml, definitions } = typeof model !== 'string' && compiledHere.has(model) ? model : await this.compile(typeof model === 'string' ? model : model.xml);
        for (const definition of definitions) {
          assertStorableText(definition, { ro: `Modelul BPMN ${definition.key}`, en: `The BPMN model ${definition.key}` }, 'xml-invalid');
          // Binding writes into the definition: the compiled model's own copy stays unbound.
          items.push({ key: definition.key, definition: structuredClone(definition), xml, ...rest });
        }
      } catch (err) {
        if (!(err instanceof AppError) || !err.problems || models.length === 1) throw err;
        problems.push(...err.problems);
      }
    }
    if (problems.length > 0) throw new AppError('definition-invalid', `The models have ${problems.length} problem(s); nothing was deployed`, { problems });
    return port.transaction(async (tx) => {
      const decisions = await tx.insertDecisions(decisionRows.map((d) => ({ ...d, ...rest })), now);
      const unbound = await bindDecisions(items.map((i) => i.definition), decisions, tx);
      if (unbound.length > 0) throw new AppError('definition-invalid', `The models have ${unbound.length} problem(s); nothing was deployed`, { problems: unbound });
      const deployed = await tx.insertDefinitions(items, now);
      for (const d of deployed) {
        this.byIdCache.set(d.id, d);
        const { timers, subscriptions } = startEventsOf(d, now);
        await tx.replaceStartEvents(d.key, d.id, timers, subscriptions);
      }
      return { definitions: deployed, decisions };
    });
  }

  async byId(id: string, port: EnginePort): Promise<DeployedDefinition> {
    const cached = this.byIdCache.get(id);
    if (cached) return cached;
    const found = await port.getDefinition(id);
    if (!found) throw new AppError('definition-not-found', `Definition ${id} does not exist`);
    this.byIdCache.set(id, found);
    return found;
  }

  /** The latest version of a procedure, or the one asked for. */
  async find(key: string, version: number | undefined, port: EnginePort): Promise<DeployedDefinition> {
    // A key is a BPMN process id (an XML name); anything else names nothing and must not reach SQL.
    const valid = isXmlName(key) && (version === undefined || (Number.isSafeInteger(version) && version > 0));
    const found = !valid ? undefined : version === undefined ? await port.getLatestDefinition(key) : await port.getDefinitionVersion(key, version);
    if (!found) {
      throw new AppError('definition-not-found', version === undefined ? `No procedure "${key}" is deployed` : `Procedure "${key}" has no version ${version}`);
    }
    this.byIdCache.set(found.id, found);
    return found;
  }
}

/** Timer, message and signal start events of a freshly deployed definition. */
function startEventsOf(d: DeployedDefinition, now: Date) {
  const timers: TimerRecord[] = [];
  const subscriptions: Array<{ id: string; kind?: 'signal'; messageName: string; elementId: string }> = [];
  for (const id of d.definition.startEvents) {
    const el = d.definition.elements[id]!;
    if (el.event?.kind === 'timer') {
      timers.push(firstStartTimer({ elementId: id, timer: el.event.timer, now }));
    } else if (el.event?.kind === 'message') {
      subscriptions.push({ id: randomUUID(), messageName: el.event.messageName, elementId: id });
    } else if (el.event?.kind === 'signal') {
      subscriptions.push({ id: randomUUID(), kind: 'signal', messageName: el.event.signalName, elementId: id });
    }
  }
  return { timers, subscriptions };
}

/** Every message name a definition can wait for: its subscriptions are found by them (indexed by message name first). */
export function messageNamesOf(definition: unknown): string[] {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) { for (const v of value) visit(v); return; }
    if (value === null || typeof value !== 'object') return;
    const o = value as Record<string, unknown>;
    if (o.kind === 'message' && typeof o.messageName === 'string') names.add(o.messageName);
    for (const v of Object.values(o)) visit(v);
  };
  visit(definition);
  return [...names];
}

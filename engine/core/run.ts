import { AppError } from '../errors.ts';
import type { Definition, ElementDef } from '../model/definition.ts';
import { evaluateCondition, evaluateFeel, resolveAttribute, toJson } from '../expressions/feel.ts';
import type { Effect, InstanceState, Json, Scope, ScopeKind, StepContext, Token, Variables } from './types.ts';

/** Guards against a model that loops without waiting (deploy refuses those, this is the backstop). */
const MAX_OPERATIONS = 10_000;

/**
 * One step in progress: the working copy of the state, the effects collected so far and a queue
 * of pending token moves (processed breadth-first so parallel branches advance fairly).
 */
export class Run {
  readonly effects: Effect[] = [];
  private readonly queue: Array<() => void> = [];
  private operations = 0;
  /** Variables changed or a conditional event was armed: conditions are evaluated before the step ends. */
  conditionsDue = false;

  constructor(
    readonly def: Definition,
    readonly state: InstanceState,
    readonly ctx: StepContext,
  ) {}

  get now(): string {
    return this.ctx.now;
  }

  emit(effect: Effect): void {
    if (effect.type === 'timer.cancel' && this.state.clock) {
      this.state.clock.timers = this.state.clock.timers.filter((t) => t.timerId !== effect.timerId);
    }
    this.effects.push(effect);
  }

  event(type: string, elementId?: string, data?: Json): void {
    this.effects.push({ type: 'event.append', event: { type, ...(elementId ? { elementId } : {}), ...(data !== undefined ? { data } : {}) } });
  }

  later(operation: () => void): void {
    this.queue.push(operation);
  }

  drain(): void {
    while (this.queue.length > 0) {
      if (++this.operations > MAX_OPERATIONS) {
        throw new AppError('expression-failed', 'The process moved more than 10,000 times in one step without waiting; it probably loops.');
      }
      this.queue.shift()!();
    }
  }

  element(id: string): ElementDef {
    const el = this.def.elements[id];
    if (!el) throw new AppError('definition-invalid', `Element "${id}" is not in the definition`);
    return el;
  }

  localId(prefix: string): string {
    this.state.seq += 1;
    return `${prefix}${this.state.seq}`;
  }

  newToken(elementId: string, scopeId: string): Token {
    const token: Token = { id: this.localId('t'), elementId, scopeId };
    this.state.tokens.push(token);
    return token;
  }

  token(id: string): Token | undefined {
    return this.state.tokens.find((t) => t.id === id);
  }

  removeToken(id: string): void {
    const i = this.state.tokens.findIndex((t) => t.id === id);
    if (i >= 0) this.state.tokens.splice(i, 1);
  }

  tokensIn(scopeId: string): Token[] {
    return this.state.tokens.filter((t) => t.scopeId === scopeId);
  }

  newScope(kind: ScopeKind, elementId: string, parentScopeId: string | undefined, fields: Partial<Scope> = {}): Scope {
    const scope: Scope = { id: this.localId('s'), kind, elementId, parentScopeId, variables: {}, ...fields };
    this.state.scopes.push(scope);
    return scope;
  }

  scope(id: string): Scope {
    const scope = this.state.scopes.find((s) => s.id === id);
    if (!scope) throw new AppError('internal', `Scope "${id}" is not active`);
    return scope;
  }

  findScope(id: string): Scope | undefined {
    return this.state.scopes.find((s) => s.id === id);
  }

  childScopes(scopeId: string): Scope[] {
    return this.state.scopes.filter((s) => s.parentScopeId === scopeId);
  }

  removeScope(id: string): void {
    const i = this.state.scopes.findIndex((s) => s.id === id);
    if (i >= 0) this.state.scopes.splice(i, 1);
  }

  /** Scopes from the given one up to the root, innermost first. */
  scopeChain(scopeId: string): Scope[] {
    const chain: Scope[] = [];
    let current: Scope | undefined = this.findScope(scopeId);
    while (current) {
      chain.push(current);
      current = current.parentScopeId ? this.findScope(current.parentScopeId) : undefined;
    }
    return chain;
  }

  /** Variables visible in a scope: inner scopes shadow outer ones. */
  variablesFor(scopeId: string): Variables {
    const merged: Variables = Object.create(null);
    for (const scope of this.scopeChain(scopeId).reverse()) Object.assign(merged, scope.variables);
    return merged;
  }

  /**
   * Writes variables where they already live, new ones in the process scope, as Camunda 7
   * (setVariable) and Camunda 8 (propagation to the outermost scope) do. A multi-instance inner
   * instance keeps its own item, loopCounter and output element (multi-instance.ts).
   */
  setVariables(scopeId: string, variables: Variables): void {
    const chain = this.scopeChain(scopeId);
    const root = chain[chain.length - 1]!;
    this.conditionsDue = true;
    for (const [name, value] of Object.entries(variables)) {
      const owner = chain.find((s) => Object.prototype.hasOwnProperty.call(s.variables, name)) ?? root;
      owner.variables[name] = value;
    }
  }

  evaluate(expression: string, scopeId: string, extra?: Variables): Json {
    return toJson(evaluateFeel(expression, { ...this.variablesFor(scopeId), ...extra }, this.now, this.ctx.functions));
  }

  condition(expression: string, scopeId: string, extra?: Variables): boolean {
    return evaluateCondition(expression, { ...this.variablesFor(scopeId), ...extra }, this.now, this.ctx.functions);
  }

  /** Literal or '=feel' attribute value; `extra` (an element's local inputs) shadows the scope's variables. */
  attribute(value: string, scopeId: string, extra?: Variables): Json {
    const variables = extra ? { ...this.variablesFor(scopeId), ...extra } : this.variablesFor(scopeId);
    return toJson(resolveAttribute(value, variables, this.now, this.ctx.functions));
  }
}

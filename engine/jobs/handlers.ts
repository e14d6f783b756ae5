import type { ValidateFunction } from 'ajv';
import { AppError } from '../errors.ts';
import type { Json, Variables } from '../core/types.ts';
import type { KnownHandlers } from '../model/check-handlers.ts';
import { compileOptionsSchema, optionsErrors } from './handler-options.ts';

/**
 * Service-task handlers: registered under a name, with their options declared as a JSON Schema
 * so the designer can show them and deploy can check them. Return = done (variables merged),
 * throw = retry, throw BpmnError = business error routed to an error boundary (never retried).
 * Handlers must be idempotent: a crash after the handler ran but before its step committed
 * runs it again; `job.id` is a stable idempotency key.
 */
export interface JobContext {
  job: { id: string; instanceId: string; elementId: string; handler: string; attempts: number };
  variables: Variables;
  options: Record<string, Json>;
  now: Date;
}

export interface JobHandler {
  name: string;
  description?: string;
  /** JSON Schema of the options a model gives it (an object of strings; '=feel' ones evaluated). Required. */
  optionsSchema: Record<string, unknown>;
  run(ctx: JobContext): Promise<Variables | void> | Variables | void;
}

export class BpmnError extends Error {
  constructor(readonly errorCode: string, message?: string, readonly variables?: Variables) {
    super(message ?? errorCode);
    this.name = 'BpmnError';
  }
}

export class HandlerRegistry implements KnownHandlers {
  private readonly handlers = new Map<string, { handler: JobHandler; validate: ValidateFunction }>();

  /** Refuses (bad-input) a handler without a name, a run function or a valid options schema, or a name taken. */
  register(handler: JobHandler): this {
    const name = (handler as Partial<JobHandler> | undefined)?.name;
    const refuse = (why: string) => {
      throw new AppError('bad-input', `Handler ${typeof name === 'string' && name ? `"${name}"` : '(no name)'} cannot be registered: ${why}`);
    };
    if (typeof name !== 'string' || name.trim() === '' || name !== name.trim()) refuse('it needs a name without surrounding spaces');
    if (typeof handler.run !== 'function') refuse('it has no run function');
    const schema = handler.optionsSchema as unknown;
    if (!schema || typeof schema !== 'object' || Array.isArray(schema)) refuse('it declares no optionsSchema (a JSON Schema of its options; { type: "object", additionalProperties: false } for none)');
    if ((schema as { type?: unknown }).type !== undefined && (schema as { type?: unknown }).type !== 'object') refuse('its optionsSchema must describe an object');
    if (this.handlers.has(name!)) refuse('a handler with this name is already registered');
    let validate: ValidateFunction;
    try {
      validate = compileOptionsSchema(handler.optionsSchema);
    } catch (err) {
      return refuse(`its optionsSchema is not a valid JSON Schema: ${(err as Error).message}`);
    }
    this.handlers.set(name!, { handler, validate });
    return this;
  }

  get(name: string): JobHandler | undefined {
    return this.handlers.get(name)?.handler;
  }

  list(): JobHandler[] {
    return [...this.handlers.values()].map((h) => h.handler);
  }

  optionsErrors(name: string, options: Record<string, string>): string[] | undefined {
    const known = this.handlers.get(name);
    return known ? optionsErrors(known.validate, options) : undefined;
  }
}

/** Handlers every Dosar installation has. */
export function builtInHandlers(): HandlerRegistry {
  return new HandlerRegistry()
    .register({
      name: 'noop',
      description: 'Does nothing; useful as a placeholder while a procedure is drafted.',
      optionsSchema: { type: 'object', additionalProperties: false },
      run: () => undefined,
    })
    .register({
      name: 'set-variables',
      description: 'Sets the variables given in its options.',
      optionsSchema: { type: 'object', additionalProperties: true },
      run: ({ options }) => ({ ...options }),
    });
}

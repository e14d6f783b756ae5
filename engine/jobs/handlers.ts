import type { Json, Variables } from '../core/types.ts';

/**
 * Service-task handlers: registered under a name, with their options declared as a JSON Schema
 * so the designer can show and check them. Return = done (variables merged), throw = retry,
 * throw BpmnError = business error routed to an error boundary (never retried).
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
  optionsSchema?: Record<string, unknown>;
  run(ctx: JobContext): Promise<Variables | void> | Variables | void;
}

export class BpmnError extends Error {
  constructor(readonly errorCode: string, message?: string, readonly variables?: Variables) {
    super(message ?? errorCode);
    this.name = 'BpmnError';
  }
}

export class HandlerRegistry {
  private readonly handlers = new Map<string, JobHandler>();

  register(handler: JobHandler): this {
    this.handlers.set(handler.name, handler);
    return this;
  }

  get(name: string): JobHandler | undefined {
    return this.handlers.get(name);
  }

  list(): JobHandler[] {
    return [...this.handlers.values()];
  }
}

/** Handlers every Dosar installation has. */
export function builtInHandlers(): HandlerRegistry {
  return new HandlerRegistry()
    .register({
      name: 'noop',
      description: 'Does nothing; useful as a placeholder while a procedure is drafted.',
      run: () => undefined,
    })
    .register({
      name: 'set-variables',
      description: 'Sets the variables given in its options.',
      optionsSchema: { type: 'object', additionalProperties: true },
      run: ({ options }) => ({ ...options }),
    });
}

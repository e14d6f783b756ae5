/**
 * The engine's front door: everything code outside engine/ may use, named one by one. Anything not
 * listed here is the engine's own business and may change without notice (test/architecture checks
 * that nothing outside engine/ imports another engine file). To use something new from outside,
 * add it here, in its group, and keep the group's why-comment true.
 */

// The engine: commands, read models and the job executor around it.
export { Engine, DEFAULT_LEASE_MS, type EngineOptions, type InstanceView, type DeadlineView, type CompiledModel } from './engine.ts';
export { startExecutor } from './jobs/executor.ts';
export type { TaskView, EventView, AppendedEvent, EnginePort, CalendarDay } from './ports.ts';

// Storage: the database handle, the port that puts engine work on a caller's transaction, and
// migrations (the engine's first, then the application's own sets, each in its own table).
export { openDatabase, type Database, type OpenOptions, type MigrationSet } from './store/database.ts';
export { createEnginePort } from './store/engine-port.ts';
export { pendingMigrations } from './store/pending-migrations.ts';
// Group commit: concurrent work of one turn of the event loop shares a statement or a transaction.
export { groupCommit } from './store/group-commit.ts';
export { batchedLookup } from './store/read-batcher.ts';

// Time: where "now" comes from.
export { clockFromEnv, fixedClock, type Clock } from './clock.ts';

// The legal calendar: working days, terms and Romanian dates.
export {
  addWorkingDays, computeTerm, createCalendar, endOfLocalDay, explainTerm, holidaysOf, localDate, parseDate, parseDayFile,
  englishTerm, parseRule, parseUnit, romanianDate, romanianTerm, startOfLocalDay, type Calendar, type TermUnit,
} from './calendar/index.ts';

// Errors: one class, stable codes (the API answers with them).
export { AppError, toAppError, type ErrorCode, type Problem, type Wording } from './errors.ts';

// Service-task handlers: the registry an installation fills.
export { builtInHandlers, HandlerRegistry, BpmnError, type JobHandler, type JobContext } from './jobs/handlers.ts';
export { loadHandlerModules } from './jobs/load-handlers.ts';

// Models: compile BPMN into definitions, the shapes of a compiled definition, the element catalogue.
export { compileModel } from './model/index.ts';
export { loadModdle } from './model/load-definition.ts';
export type { Camunda7Field, Definition, DeployedDefinition, ElementDef, EmbeddedForm, FlowDef } from './model/definition.ts';
export type { DeployedDecision } from './dmn/decision.ts';
export { decisionItems as compileDecisions } from './runtime/bind-decisions.ts';
export { ELEMENTS, EXECUTABLE_ELEMENTS, PASSIVE_ELEMENTS } from './model/element-registry.ts';

// Expressions: FEEL as the engine evaluates it (checks, tests).
export { evaluateFeel, assertFeelParses } from './expressions/feel.ts';

// Input the engine stores: text PostgreSQL can keep, variables, ids.
export { assertStorableText, findUnstorableText, hasUnstorableCharacterReference, isStorableText, pointerSegment, unstorableMessage } from './storable-text.ts';
export { parseVariables } from './variables.ts';
export { isUuid, isXmlName } from './ids.ts';

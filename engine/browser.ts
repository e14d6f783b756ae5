/**
 * The engine's front door for code bundled for the browser: the designer (designer/src) and the
 * forms' validator (forms/client, and the forms code it reaches). They cannot load engine/index.ts,
 * which reaches the database drivers. Only modules with no Node or package imports belong here
 * (test/architecture checks it); everything else uses engine/index.ts.
 */

// The BPMN extension (dosar:* attributes) the engine reads, for bpmn-js to write the same.
export { default as dosarModdle } from './model/moddle-extension.json' with { type: 'json' };

// ISO 8601 durations and dates, computed as the engine computes timers.
export { addDuration, isCron, parseCycle, parseDateTime, parseDuration } from './core/iso-time.ts';

// Errors and text the database can store: the forms' validator answers as the server does.
export { AppError, type Problem } from './errors.ts';
export { isStorableText } from './storable-text.ts';

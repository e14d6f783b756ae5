/**
 * The engine's front door for the designer's browser bundle (designer/src), which cannot load
 * engine/index.ts (it reaches the database drivers). Only pure modules with no Node imports belong
 * here; server-side code uses engine/index.ts.
 */

// The BPMN extension (dosar:* attributes) the engine reads, for bpmn-js to write the same.
export { default as dosarModdle } from './model/moddle-extension.json' with { type: 'json' };

// ISO 8601 durations and dates, computed as the engine computes timers.
export { addDuration, parseCycle, parseDateTime, parseDuration } from './core/iso-time.ts';

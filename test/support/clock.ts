import type { Clock } from '../../engine/index.ts';

/** The engine's one clock, moved by the test: set to an instant or advanced by milliseconds. */
export class MovableClock implements Clock {
  constructor(public at: Date) {}
  now() { return new Date(this.at.getTime()); }
  set(iso: string) { this.at = new Date(iso); }
  advance(ms: number) { this.at = new Date(this.at.getTime() + ms); }
}

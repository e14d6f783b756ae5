import { AppError } from '../errors.ts';
import type { ElementBehaviour } from './behaviour.ts';

/** Boundary events are armed with their activity and fired by triggerBoundary, never entered by a flow. */
export const boundaryEvent: ElementBehaviour = {
  enter(_run, _token, el) {
    throw new AppError('definition-invalid', `Boundary event "${el.id}" cannot be reached by a sequence flow`);
  },
};

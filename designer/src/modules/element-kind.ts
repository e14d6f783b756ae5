import { isAllowedElement } from '../executable.ts';

/** The minimal view of a diagram element the designer's rules and filters look at. */
export interface DiagramElement {
  id: string;
  type: string;
  businessObject?: { $type: string; eventDefinitions?: Array<{ $type: string }> };
  labelTarget?: unknown;
  waypoints?: unknown;
}

/** Is this diagram element something the engine executes (or ignores as documentation)? */
export function isAllowedShape(element: DiagramElement): boolean {
  if (element.labelTarget) return true;
  const bo = element.businessObject;
  const type = bo?.$type ?? element.type;
  return isAllowedElement(type, (bo?.eventDefinitions ?? []).map((d) => d.$type));
}

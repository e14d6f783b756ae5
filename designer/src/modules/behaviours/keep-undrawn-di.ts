import type { EventBus } from '../../bpmn-js.ts';

interface DiElement { bpmnElement?: { id?: string } }
interface Plane { planeElement?: DiElement[] }
interface Definitions { diagrams?: Array<{ plane?: Plane }> }

/** After bpmn-js's own DI ordering (2000), which rebuilds each plane from what is on the canvas. */
const AFTER_DI_ORDERING = 1500;

/**
 * Keeps diagram information bpmn-js cannot display (e.g. the inside of an expanded call activity
 * drawn in the same plane, MIWG B.1.0): bpmn-js rebuilds each displayed plane from the canvas on
 * save and would drop it. Such shapes were never on the canvas, so nobody can have deleted them.
 */
class KeepUndrawnDi {
  static $inject = ['eventBus', 'elementRegistry', 'bpmnjs'];

  private undrawn: Array<{ plane: Plane; di: DiElement }> = [];

  constructor(eventBus: EventBus, elementRegistry: { get(id: string): unknown }, bpmnjs: { getDefinitions(): Definitions | undefined }) {
    eventBus.on('import.done', () => {
      this.undrawn = [];
      for (const diagram of bpmnjs.getDefinitions()?.diagrams ?? []) {
        const plane = diagram.plane;
        for (const di of plane?.planeElement ?? []) {
          const id = di.bpmnElement?.id;
          if (plane && id && !elementRegistry.get(id)) this.undrawn.push({ plane, di });
        }
      }
    });
    eventBus.on('saveXML.start', AFTER_DI_ORDERING, () => {
      for (const { plane, di } of this.undrawn) {
        const elements = plane.planeElement ?? (plane.planeElement = []);
        if (!elements.includes(di)) elements.push(di);
      }
    });
  }
}

export default {
  __init__: ['dosarKeepUndrawnDi'],
  dosarKeepUndrawnDi: ['type', KeepUndrawnDi],
};

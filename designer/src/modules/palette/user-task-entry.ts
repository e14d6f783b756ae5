import type { Create, ElementFactory, Palette, PaletteEntries } from '../../bpmn-js.ts';
import type { Translate } from '../translate/translate-module.ts';

/** Most steps of a city-hall procedure are a clerk's task: one click away instead of two. */
class UserTaskEntry {
  static $inject = ['palette', 'create', 'elementFactory', 'translate'];

  constructor(palette: Palette, private readonly create: Create, private readonly elementFactory: ElementFactory, private readonly translate: Translate) {
    palette.registerProvider(900, this);
  }

  getPaletteEntries(): (entries: PaletteEntries) => PaletteEntries {
    const start = (event: Event) => this.create.start(event as never, this.elementFactory.createShape({ type: 'bpmn:UserTask' }));
    const entry = {
      group: 'activity',
      className: 'bpmn-icon-user-task',
      title: this.translate('Create user task'),
      action: { dragstart: start, click: start },
    };
    return (entries) => {
      // Right after "Create task", so the activity group stays together.
      const result: PaletteEntries = {};
      for (const [id, value] of Object.entries(entries)) {
        result[id] = value;
        if (id === 'create.task') result['create.user-task'] = entry;
      }
      if (!result['create.user-task']) result['create.user-task'] = entry;
      return result;
    };
  }
}

export default {
  __init__: ['dosarUserTaskEntry'],
  dosarUserTaskEntry: ['type', UserTaskEntry],
};

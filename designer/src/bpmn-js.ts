import ModelerModule from 'bpmn-js/lib/Modeler.js';
import RuleProviderModule from 'diagram-js/lib/features/rules/RuleProvider.js';

/**
 * bpmn-js and diagram-js ship ES modules with typings that TypeScript reads as CommonJS (no
 * "type": "module"), so under NodeNext a default import looks like `{ default }`. esbuild gives the
 * real default export; this is the one place that reconciles the two views.
 */
export const Modeler = ModelerModule as unknown as typeof ModelerModule.default;
export type Modeler = InstanceType<typeof ModelerModule.default>;

export const RuleProvider = RuleProviderModule as unknown as typeof RuleProviderModule.default;

export type EventBus = import('diagram-js/lib/core/EventBus.js').default;
export type Palette = import('diagram-js/lib/features/palette/Palette.js').default;
export type PopupMenu = import('diagram-js/lib/features/popup-menu/PopupMenu.js').default;
export type Create = import('diagram-js/lib/features/create/Create.js').default;
export type PaletteEntries = import('diagram-js/lib/features/palette/PaletteProvider.js').PaletteEntries;
export type PopupMenuEntries = import('diagram-js/lib/features/popup-menu/PopupMenuProvider.js').PopupMenuEntries;
export type PopupMenuHeaderEntries = import('diagram-js/lib/features/popup-menu/PopupMenuProvider.js').PopupMenuHeaderEntries;
export type ElementFactory = import('bpmn-js/lib/features/modeling/ElementFactory.js').default;

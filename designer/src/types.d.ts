/**
 * Narrow typings for what the designer uses from untyped packages, and the catalogue esbuild
 * injects at build time (designer/build.ts).
 */

declare const __DOSAR_EXECUTABLE__: {
  /** BPMN type -> supported event kinds, and whether it runs a handler (only with that event, if named). */
  executable: Record<string, { events?: string[]; handler?: { withEvent?: string } }>;
  passive: string[];
};

declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: Record<string, unknown>;
  export const BpmnPropertiesProviderModule: Record<string, unknown>;
  export function useService<T = any>(name: string, strict?: boolean): T;
}

declare module '@bpmn-io/properties-panel' {
  type Component = (props: any) => unknown;
  export const TextFieldEntry: Component;
  export const SelectEntry: Component;
  export const CheckboxEntry: Component;
  export const ListGroup: Component;
  export function isTextFieldEntryEdited(node: HTMLElement | null): boolean;
  export function isSelectEntryEdited(node: HTMLElement | null): boolean;
  export function isCheckboxEntryEdited(node: HTMLElement | null): boolean;
}

/** The preact copy bundled with the properties panel: entries must render with the same instance. */
declare module '@bpmn-io/properties-panel/preact' {
  export function h(type: unknown, props: Record<string, unknown> | null, ...children: unknown[]): unknown;
}

declare module '@bpmn-io/properties-panel/preact/hooks' {
  export function useMemo<T>(factory: () => T, deps: unknown[]): T;
}

/** dmn-js ships no typings: the editor of DMN files, with one view per diagram, table or expression. */
declare module 'dmn-js/lib/Modeler.js' {
  export interface DmnView { id: string; type: string; element: { id: string; name?: string } }
  export interface DmnViewer { get<T = unknown>(name: string): T; on(event: string, callback: (event: unknown) => void): void }
  export default class DmnModeler {
    constructor(options: { container: HTMLElement; common?: Record<string, unknown>; drd?: Record<string, unknown>; decisionTable?: Record<string, unknown>; literalExpression?: Record<string, unknown> });
    importXML(xml: string): Promise<{ warnings: unknown[] }>;
    saveXML(options?: { format?: boolean }): Promise<{ xml: string }>;
    getViews(): DmnView[];
    getActiveView(): DmnView | undefined;
    getActiveViewer(): DmnViewer | undefined;
    open(view: DmnView): Promise<{ warnings: unknown[] }>;
    on(event: string, callback: (event: unknown) => void): void;
    destroy(): void;
  }
}

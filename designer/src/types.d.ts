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

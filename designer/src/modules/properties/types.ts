/** The slices of bpmn-js the panel entries touch. */

export interface ModdleElement {
  $type: string;
  id?: string;
  get(name: string): any;
  [key: string]: any;
}

export interface PanelElement {
  id: string;
  type: string;
  businessObject: ModdleElement;
}

export interface Modeling {
  updateProperties(element: PanelElement, properties: Record<string, unknown>): void;
  updateModdleProperties(element: PanelElement, target: ModdleElement, properties: Record<string, unknown>): void;
}

export interface BpmnFactory {
  create(type: string, attrs?: Record<string, unknown>): ModdleElement;
}

export interface Entry {
  id: string;
  component: (props: any) => unknown;
  isEdited?: (node: HTMLElement | null) => boolean;
  [prop: string]: unknown;
}

export interface Group {
  id: string;
  label: string;
  entries: Entry[];
  shouldOpen?: boolean;
}

/** A group of collapsible items with add/remove buttons (bpmn-js-properties-panel's ListGroup). */
export interface ListGroupDef {
  id: string;
  label: string;
  component: (props: any) => unknown;
  shouldOpen?: boolean;
  add?: (event: Event) => void;
  items: Array<{ id: string; label: string; entries: Entry[]; remove?: (event: Event) => void; autoFocusEntry?: string }>;
}

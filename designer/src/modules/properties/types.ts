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

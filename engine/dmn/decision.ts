/**
 * The executable form of a DMN decision: plain JSON, produced by compile-dmn.ts at deploy and
 * stored with the decision row (and embedded in the definitions of models that call it). The
 * evaluator never sees dmn-moddle objects.
 */

export type HitPolicy = 'UNIQUE' | 'FIRST' | 'PRIORITY' | 'ANY' | 'COLLECT' | 'RULE ORDER' | 'OUTPUT ORDER';
export type Aggregation = 'SUM' | 'MIN' | 'MAX' | 'COUNT';

export interface DecisionInput {
  id: string;
  label?: string;
  /** FEEL evaluated against the variables; its value is what the input entries test. */
  expression: string;
  /** camunda:inputVariable: the name the value also has inside input entries (default cellInput). */
  inputVariable?: string;
  /** The input expression's typeRef (date, dateTime, number, boolean, ...): what its value is read as. */
  typeRef?: string;
}

export interface DecisionOutput {
  id: string;
  /** The key of this output in each rule's result. */
  name: string;
  label?: string;
  /** FEEL texts of the output values, in priority order (PRIORITY and OUTPUT ORDER sort by them). */
  values?: string[];
}

export interface DecisionRule {
  id: string;
  /** One unary test per input ('-' or '' matches anything). */
  inputEntries: string[];
  /** One FEEL expression per output ('' yields null). */
  outputEntries: string[];
}

export interface DecisionTableDef {
  hitPolicy: HitPolicy;
  aggregation?: Aggregation;
  inputs: DecisionInput[];
  outputs: DecisionOutput[];
  rules: DecisionRule[];
}

export interface DecisionDef {
  id: string;
  name?: string;
  /** Decisions whose results this one reads (informationRequirement/requiredDecision), evaluated first. */
  requires: string[];
  table?: DecisionTableDef;
  /** A literal-expression decision: one FEEL expression whose value is named `variable`. */
  literal?: { expression: string; variable: string };
}

/** One decision and every decision it requires, keyed by id: what a business-rule task carries. */
export type DecisionBundle = Record<string, DecisionDef>;

/** A deployed decision: its id, its version among those with that id, and the compiled form. */
export interface DeployedDecision {
  id: string;
  key: string;
  version: number;
  /** The decision and every decision it requires from the same file. */
  decisions: DecisionBundle;
}

/** Builds small DMN 1.3 files for the tests: one decision table, given as rows of cell texts. */
export interface TableSpec {
  id?: string;
  hitPolicy?: string;
  aggregation?: string;
  /** Input expressions; `{ expression, typeRef }` to give one a type. */
  inputs: Array<string | { expression: string; typeRef: string }>;
  outputs: Array<string | { name: string; values: string }>;
  rules: Array<[string[], string[]]>;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function dmnTable(spec: TableSpec, namespace = 'https://www.omg.org/spec/DMN/20191111/MODEL/'): string {
  const id = spec.id ?? 'decision';
  const inputs = spec.inputs.map((i, n) => {
    const { expression, typeRef } = typeof i === 'string' ? { expression: i, typeRef: undefined } : i;
    return `<input id="in${n}" label="in${n}"><inputExpression id="ie${n}"${typeRef ? ` typeRef="${typeRef}"` : ''}><text>${esc(expression)}</text></inputExpression></input>`;
  }).join('');
  const outputs = spec.outputs.map((o, n) => {
    const { name, values } = typeof o === 'string' ? { name: o, values: undefined } : o;
    return `<output id="out${n}" name="${name}">${values ? `<outputValues><text>${esc(values)}</text></outputValues>` : ''}</output>`;
  }).join('');
  const rules = spec.rules.map(([ins, outs], r) => `<rule id="r${r + 1}">${ins.map((t, n) => `<inputEntry id="r${r + 1}i${n}"><text>${esc(t)}</text></inputEntry>`).join('')}${outs.map((t, n) => `<outputEntry id="r${r + 1}o${n}"><text>${esc(t)}</text></outputEntry>`).join('')}</rule>`).join('');
  const policy = `${spec.hitPolicy ? ` hitPolicy="${spec.hitPolicy}"` : ''}${spec.aggregation ? ` aggregation="${spec.aggregation}"` : ''}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="${namespace}" id="defs" name="Test" namespace="http://dosar.ro/test">
  <decision id="${id}" name="${id}"><decisionTable id="${id}Table"${policy}>${inputs}${outputs}${rules}</decisionTable></decision>
</definitions>`;
}

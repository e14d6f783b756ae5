import { expect } from 'chai';
import { embeddedFormSchema, renderForm, validateForm } from '../../../forms/index.ts';

describe('embedded Camunda forms as JSON Schema forms', () => {
  describe('a Camunda 7 generated form', () => {
    it('turns each field type and constraint into its JSON Schema counterpart', () => {
      const { schema, problems } = embeddedFormSchema({ kind: 'camunda7-fields', fields: [
        { id: 'nume', label: 'Nume', type: 'string', constraints: [{ name: 'required' }, { name: 'minlength', config: '3' }, { name: 'maxlength', config: '50' }] },
        { id: 'copii', type: 'long', defaultValue: '0', constraints: [{ name: 'min', config: '0' }, { name: 'max', config: '20' }] },
        { id: 'suma', type: 'double', constraints: [{ name: 'readonly' }] },
        { id: 'acord', label: 'Acord', type: 'boolean', defaultValue: 'true', constraints: [] },
        { id: 'data', label: 'Data', type: 'date', constraints: [] },
        { id: 'tip', label: 'Tip', type: 'enum', values: [{ id: 'pf', name: 'Persoană fizică' }, { id: 'pj', name: 'Persoană juridică' }], constraints: [] },
      ] }, 'Cerere');
      expect(problems).to.deep.equal([]);
      expect(schema).to.deep.equal({
        type: 'object', title: 'Cerere', required: ['nume'],
        properties: {
          nume: { title: 'Nume', type: 'string', minLength: 3, maxLength: 50 },
          copii: { title: 'copii', type: 'integer', default: 0, minimum: 0, maximum: 20 },
          suma: { title: 'suma', type: 'number', readOnly: true },
          acord: { title: 'Acord', type: 'boolean', default: true },
          data: { title: 'Data', type: 'string', format: 'date' },
          tip: { title: 'Tip', type: 'string', oneOf: [{ const: 'pf', title: 'Persoană fizică' }, { const: 'pj', title: 'Persoană juridică' }] },
        },
      });
      const checked = validateForm(schema, { nume: 'Al', copii: 21, tip: 'x' }, { id: 'c7', version: 1, lang: 'ro' });
      expect(checked.valid ? [] : checked.errors.map((e) => e.field)).to.deep.equal(['nume', 'copii', 'tip']);
    });

    it('names what it cannot take: a Java validator, a custom type, a field that is no variable name', () => {
      const { problems } = embeddedFormSchema({ kind: 'camunda7-fields', fields: [
        { id: 'cnp', type: 'string', constraints: [{ name: 'validator', config: 'ro.CnpValidator' }] },
        { id: 'fisier', type: 'file', constraints: [] },
        { id: 'a-b', type: 'string', constraints: [] },
      ] }, 'X');
      expect(problems).to.have.length(3);
      expect(problems[0]).to.contain('validator');
      expect(problems[1]).to.contain('"file"');
      expect(problems[2]).to.contain('a-b');
    });
  });

  describe('a Camunda 8 form (form-js)', () => {
    const form = { components: [
      { type: 'text', text: '## Date' },
      { type: 'textfield', key: 'email', label: 'E-mail', validate: { required: true, validationType: 'email' } },
      { type: 'number', key: 'suprafata', label: 'Suprafața', decimalDigits: 0, validate: { min: 1, max: 1000 } },
      { type: 'checkbox', key: 'acord', label: 'Acord', defaultValue: false },
      { type: 'radio', key: 'tip', label: 'Tip', values: [{ label: 'Nou', value: 'nou' }, { label: 'Vechi', value: 'vechi' }] },
      { type: 'select', key: 'acte', label: 'Acte', values: [{ label: 'CI', value: 'ci' }, { label: 'Plan', value: 'plan' }], validate: { required: true } },
      { type: 'checklist', key: 'anexe', label: 'Anexe', values: [{ label: 'CI', value: 'ci' }, { label: 'Plan', value: 'plan' }], validate: { required: true } },
      { type: 'datetime', key: 'data', subtype: 'date', dateLabel: 'Data' },
      { type: 'group', label: 'Adresa', path: 'adresa', components: [{ type: 'textfield', key: 'strada', label: 'Strada' }] },
      { type: 'dynamiclist', path: 'membri', label: 'Membri', components: [{ type: 'textfield', key: 'nume', label: 'Nume', validate: { required: true } }] },
      { type: 'textarea', key: 'obs.text', label: 'Observații' },
    ] };

    it('keeps the data components, nested by group path, list and dotted key, and leaves layout out', () => {
      const { schema, problems } = embeddedFormSchema({ kind: 'camunda-form', form }, 'Verificare');
      expect(problems).to.deep.equal([]);
      const properties = (schema as { properties: Record<string, Record<string, unknown>> }).properties;
      expect(Object.keys(properties)).to.deep.equal(['email', 'suprafata', 'acord', 'tip', 'acte', 'anexe', 'data', 'adresa', 'membri', 'obs']);
      expect(properties.anexe).to.deep.equal({ title: 'Anexe', type: 'array', uniqueItems: true, items: { oneOf: [{ const: 'ci', title: 'CI' }, { const: 'plan', title: 'Plan' }] }, minItems: 1 });
      expect(properties.email).to.deep.equal({ title: 'E-mail', type: 'string', format: 'email', minLength: 1 });
      expect(properties.suprafata).to.deep.equal({ title: 'Suprafața', type: 'integer', minimum: 1, maximum: 1000 });
      expect(properties.acte).to.deep.equal({ title: 'Acte', oneOf: [{ const: 'ci', title: 'CI' }, { const: 'plan', title: 'Plan' }] });
      expect(properties.data).to.deep.equal({ title: 'Data', type: 'string', format: 'date' });
      expect(properties.adresa).to.deep.equal({ type: 'object', title: 'Adresa', properties: { strada: { title: 'Strada', type: 'string' } } });
      expect(properties.membri).to.deep.equal({ title: 'Membri', type: 'array', items: { type: 'object', properties: { nume: { title: 'Nume', type: 'string', minLength: 1 } }, required: ['nume'] } });
      expect(properties.obs).to.deep.equal({ type: 'object', properties: { text: { title: 'Observații', type: 'string', 'x-widget': 'textarea' } } });
      expect(schema.required).to.deep.equal(['email', 'acte', 'anexe']);
      const checked = validateForm(schema, { email: 'x', suprafata: 1.5, acte: 'altul', anexe: ['ci', 'alta'], membri: [{}] }, { id: 'c8', version: 1, lang: 'ro' });
      expect(checked.valid ? [] : checked.errors.map((e) => e.field)).to.deep.equal(['email', 'suprafata', 'acte', 'anexe.1', 'membri.0.nume']);
    });

    it('requires a field form-js hides under a condition only while it would show it', () => {
      const { schema, problems } = embeddedFormSchema({ kind: 'camunda-form', form: { components: [
        { type: 'radio', key: 'tip', label: 'Solicitant', values: [{ label: 'Persoană', value: 'pf' }, { label: 'Firmă', value: 'pj' }], validate: { required: true } },
        { type: 'textfield', key: 'cui', label: 'CUI', validate: { required: true }, conditional: { hide: '=tip != "pj"' } },
        { type: 'textfield', key: 'cnp', label: 'CNP', validate: { required: true }, conditional: { hide: '= tip = "pj"' } },
        { type: 'checkbox', key: 'imputernicit', label: 'Prin împuternicit' },
        { type: 'textfield', key: 'imputernicire', label: 'Nr. împuternicirii', validate: { required: true }, conditional: { hide: '=not(imputernicit)' } },
        { type: 'textfield', key: 'nota', label: 'Notă', conditional: { hide: '=tip = "pf"' } },
      ] } }, 'Cerere');
      expect(problems).to.deep.equal([]);
      expect(schema.required).to.deep.equal(['tip']);
      const missing = (data: Record<string, unknown>) => {
        const checked = validateForm(schema, data, { id: 'c8-hide', version: 1, lang: 'ro' });
        return checked.valid ? [] : checked.errors.map((e) => e.field);
      };
      expect(missing({ tip: 'pj' })).to.deep.equal(['cui']);
      expect(missing({ tip: 'pf' })).to.deep.equal(['cnp']);
      expect(missing({ tip: 'pf', cnp: '1800101400016', imputernicit: true })).to.deep.equal(['imputernicire']);
      expect(missing({ tip: 'pf', cnp: '1800101400016', imputernicit: false })).to.deep.equal([]);
      // The page marks the field required while the answers make it so.
      const star = /<label for="f-cui">CUI <span class="required"/;
      expect(renderForm(schema, { data: { tip: 'pj' } })).to.match(star);
      expect(renderForm(schema, { data: { tip: 'pf' } })).not.to.match(star);
    });

    it('hides each field as form-js hides it, required or not', () => {
      const { schema, uiSchema } = embeddedFormSchema({ kind: 'camunda-form', form: { components: [
        { type: 'radio', key: 'tip', label: 'Solicitant', values: [{ label: 'Persoană', value: 'pf' }, { label: 'Firmă', value: 'pj' }] },
        { type: 'textfield', key: 'cui', label: 'CUI', conditional: { hide: '=tip != "pj"' } },
        { type: 'textfield', key: 'cnp', label: 'CNP', validate: { required: true }, conditional: { hide: '=tip = "pj"' } },
        { type: 'checkbox', key: 'imputernicit', label: 'Prin împuternicit' },
        { type: 'textfield', key: 'imputernicire', label: 'Nr. împuternicirii', conditional: { hide: '=not(imputernicit)' } },
        { type: 'textfield', key: 'nota', label: 'Notă', conditional: { hide: '=count(x) > 1' } },
      ] } }, 'Cerere');
      const shown = (data: Record<string, unknown>) => ['cui', 'cnp', 'imputernicire', 'nota'].filter((key) => renderForm(schema, { uiSchema, data }).includes(`id="f-${key}"`));
      expect(shown({})).to.deep.equal(['cnp', 'nota']);
      expect(shown({ tip: 'pj' })).to.deep.equal(['cui', 'nota']);
      expect(shown({ tip: 'pf', imputernicit: true })).to.deep.equal(['cnp', 'imputernicire', 'nota']);
      expect(embeddedFormSchema({ kind: 'camunda-form', form: { components: [{ type: 'textfield', key: 'a', label: 'A' }] } }, 'X').uiSchema).to.equal(undefined);
    });

    it('refuses a required field hidden under a condition it cannot read, naming it', () => {
      const { problems } = embeddedFormSchema({ kind: 'camunda-form', form: { components: [
        { type: 'textfield', key: 'cui', label: 'CUI', validate: { required: true }, conditional: { hide: '=count(acte) > 2' } },
      ] } }, 'X');
      expect(problems).to.have.length(1);
      expect(problems[0]).to.contain('"cui" is required and hidden when =count(acte) > 2');
    });

    it('names components it cannot take: options fetched at run time, files, computed fields', () => {
      const { problems } = embeddedFormSchema({ kind: 'camunda-form', form: { components: [
        { type: 'checklist', key: 'acte', label: 'Acte', valuesExpression: '=acte' },
        { type: 'select', key: 'judet', label: 'Județ', valuesKey: 'judete' },
        { type: 'filepicker', key: 'fisier', label: 'Fișier' },
        { type: 'expression', key: 'total', expression: '=a + b' },
        { type: 'textfield', label: 'Fără cheie' },
      ] } }, 'X');
      expect(problems).to.have.length(5);
      expect(problems.join('\n')).to.contain('checklist').and.to.contain('valuesKey').and.to.contain('filepicker').and.to.contain('expression').and.to.contain('Fără cheie');
    });
  });
});

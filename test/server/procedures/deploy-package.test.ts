import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { fixedClock, Engine, AppError, createEnginePort } from '../../../engine/index.ts';
import { findPackage } from '../../../server/procedures/catalogue.ts';
import { deployPackage, inheritPackage } from '../../../server/procedures/deploy-package.ts';
import { normaliseMeta, readPackage, type ProcedurePackage } from '../../../server/procedures/package.ts';
import { useTestDatabase } from '../../support/database.ts';

const MODEL = `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:dosar="http://dosar.ro/schema/bpmn" id="d" targetNamespace="x">
  <bpmn:process id="adeverinta" name="Adeverință de rol fiscal" isExecutable="true">
    <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="verificare"/>
    <bpmn:userTask id="verificare" dosar:candidateGroups="taxe" dosar:formKey="verificare"/><bpmn:sequenceFlow id="f2" sourceRef="verificare" targetRef="e"/>
    <bpmn:endEvent id="e"/></bpmn:process></bpmn:definitions>`;

function pkg(forms: ProcedurePackage['forms']): ProcedurePackage {
  return { xml: MODEL, meta: normaliseMeta({ title: { ro: 'Adeverință', en: 'Certificate' } }), forms, templates: {} };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).to.be.instanceOf(AppError);
  return err as AppError;
}

describe('deploying a procedure package', () => {
  const t = useTestDatabase();
  let engine: Engine;
  beforeEach(() => { engine = new Engine({ store: createEnginePort(t.db), clock: fixedClock('2026-03-02T08:00:00Z') }); });

  it('stores the model and its forms as one new version', async () => {
    const [d] = await deployPackage(engine, t.db, pkg({ cerere: { schema: { type: 'object', properties: { cnp: { type: 'string', format: 'cnp' } } } }, verificare: { schema: { type: 'object' } } }));
    expect(d).to.include({ key: 'adeverinta', version: 1 });
    const stored = await findPackage(t.db, 'adeverinta');
    expect(Object.keys(stored!.forms).sort()).to.deep.equal(['cerere', 'verificare']);
    expect(stored!.meta.title).to.deep.equal({ ro: 'Adeverință', en: 'Certificate' });
  });

  it('refuses a form schema that does not compile, naming the ajv error and where, and stores nothing', async () => {
    const err = await refusal(deployPackage(engine, t.db, pkg({ cerere: { schema: { type: 'object', properties: { varsta: { type: 'integer', minimum: 'zero' } } } }, verificare: { schema: { type: 'object' } } })));
    expect(err.code).to.equal('definition-invalid');
    expect(err.problems![0]!.message).to.contain('forms/cerere.schema.json').and.to.contain('minimum');
    expect(await t.db.query('select id from definitions')).to.deep.equal([]);
  });

  it('refuses a model whose task names a form the package does not have', async () => {
    const err = await refusal(deployPackage(engine, t.db, pkg({ cerere: { schema: { type: 'object' } } })));
    expect(err.problems).to.deep.include({ code: 'form-missing', elementId: 'verificare', message: 'Task verificare names the form "verificare", but neither forms/verificare.schema.json nor a .form file with that id is in the procedure' });
  });

  describe('when the model carries its task forms (Camunda 7 generated, Camunda 8 embedded)', () => {
    const camunda = (task: string, process = '') => `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x">
      <bpmn:process id="adeverinta" isExecutable="true">${process}
        <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="verificare"/>${task}<bpmn:sequenceFlow id="f2" sourceRef="verificare" targetRef="e"/>
        <bpmn:endEvent id="e"/></bpmn:process></bpmn:definitions>`;
    const generated = camunda(`<bpmn:userTask id="verificare" name="Verificare acte"><bpmn:extensionElements><camunda:formData>
      <camunda:formField id="aprobat" label="Aprobat" type="boolean" />
      <camunda:formField id="pagini" label="Pagini" type="long"><camunda:validation><camunda:constraint name="required" /><camunda:constraint name="min" config="1" /></camunda:validation></camunda:formField>
    </camunda:formData></bpmn:extensionElements></bpmn:userTask>`);
    const embedded = camunda('<bpmn:userTask id="verificare"><bpmn:extensionElements><zeebe:formDefinition formKey="camunda-forms:bpmn:form1" /></bpmn:extensionElements></bpmn:userTask>',
      '<bpmn:extensionElements><zeebe:userTaskForm id="form1">{"components":[{"type":"text","text":"# Verificare"},{"type":"select","key":"rezultat","label":"Rezultat","values":[{"label":"Aprobat","value":"da"},{"label":"Respins","value":"nu"}],"validate":{"required":true}}]}</zeebe:userTaskForm></bpmn:extensionElements>');
    const citizen = { cerere: { schema: { type: 'object' } } };

    it('stores them as the version\'s task forms, keyed as the task names them', async () => {
      await deployPackage(engine, t.db, { ...pkg(citizen), xml: generated });
      const v1 = await findPackage(t.db, 'adeverinta');
      expect(v1!.forms.verificare!.schema).to.deep.equal({ type: 'object', title: 'Verificare acte', properties: { aprobat: { title: 'Aprobat', type: 'boolean' }, pagini: { title: 'Pagini', type: 'integer', minimum: 1 } }, required: ['pagini'] });
      await deployPackage(engine, t.db, { ...pkg(citizen), xml: embedded });
      const v2 = await findPackage(t.db, 'adeverinta');
      expect(v2!.forms['camunda-forms:bpmn:form1']!.schema).to.deep.include({ properties: { rezultat: { title: 'Rezultat', oneOf: [{ const: 'da', title: 'Aprobat' }, { const: 'nu', title: 'Respins' }] } }, required: ['rezultat'] });
      expect(Object.keys(v2!.forms).sort()).to.deep.equal(['camunda-forms:bpmn:form1', 'cerere']);
    });

    it('keeps a form the package ships under the same key, its own key included (the designer sends them back)', async () => {
      await deployPackage(engine, t.db, { ...pkg({ ...citizen, verificare: { schema: { type: 'object', title: 'Al nostru' } } }), xml: generated });
      expect((await findPackage(t.db, 'adeverinta'))!.forms.verificare!.schema).to.deep.equal({ type: 'object', title: 'Al nostru' });
      await deployPackage(engine, t.db, { ...pkg({ ...citizen, 'camunda-forms:bpmn:form1': { schema: { type: 'object', title: 'Editat' } } }), xml: embedded });
      expect((await findPackage(t.db, 'adeverinta'))!.forms['camunda-forms:bpmn:form1']!.schema).to.deep.equal({ type: 'object', title: 'Editat' });
    });

    it('makes them again from each new model deployed alone, edited or gone, never inheriting the old ones', async () => {
      const bare = (xml: string) => inheritPackage(t.db, { xml, meta: normaliseMeta({}), forms: {}, templates: {} });
      await deployPackage(engine, t.db, await bare(embedded));
      await deployPackage(engine, t.db, await bare(embedded.replace('"label":"Rezultat"', '"label":"Rezultatul verificării"')));
      expect((await findPackage(t.db, 'adeverinta'))!.forms['camunda-forms:bpmn:form1']!.schema).to.have.nested.property('properties.rezultat.title', 'Rezultatul verificării');
      await deployPackage(engine, t.db, await bare(MODEL.replace('dosar:formKey="verificare"', '')));
      expect((await findPackage(t.db, 'adeverinta'))!.forms).to.deep.equal({});
    });

    it('takes the start event\'s form as the request form, unless the package ships one', async () => {
      const started = generated.replace('<bpmn:startEvent id="s"/>', `<bpmn:startEvent id="s"><bpmn:extensionElements><camunda:formData>
        <camunda:formField id="nume" label="Nume" type="string"><camunda:validation><camunda:constraint name="required" /></camunda:validation></camunda:formField>
      </camunda:formData></bpmn:extensionElements></bpmn:startEvent>`).replace('<bpmn:process id="adeverinta"', '<bpmn:process id="adeverinta" name="Adeverință"');
      await deployPackage(engine, t.db, await inheritPackage(t.db, { xml: started, meta: normaliseMeta({}), forms: {}, templates: {} }));
      const v1 = await findPackage(t.db, 'adeverinta');
      expect(v1!.forms.cerere!.schema).to.deep.equal({ type: 'object', title: 'Adeverință', properties: { nume: { title: 'Nume', type: 'string' } }, required: ['nume'] });
      expect(Object.keys(v1!.forms).sort()).to.deep.equal(['cerere', 'verificare']);
      await deployPackage(engine, t.db, { ...pkg({ cerere: { schema: { type: 'object', title: 'A noastră' } } }), xml: started });
      expect((await findPackage(t.db, 'adeverinta'))!.forms.cerere!.schema).to.deep.equal({ type: 'object', title: 'A noastră' });
      await deployPackage(engine, t.db, await inheritPackage(t.db, { xml: started.replace('label="Nume"', 'label="Numele"'), meta: normaliseMeta({}), forms: {}, templates: {} }));
      expect((await findPackage(t.db, 'adeverinta'))!.forms.cerere!.schema).to.have.nested.property('properties.nume.title', 'Numele');
    });

    it('takes a form file of Camunda Modeler (.form) a task links by its id, in Camunda 8 and 7 alike', async () => {
      const file = { id: 'aviz-form', components: [{ type: 'radio', key: 'aviz', label: 'Aviz', values: [{ label: 'Favorabil', value: 'da' }, { label: 'Nefavorabil', value: 'nu' }], validate: { required: true } }] };
      const linked = (task: string) => ({ ...pkg(citizen), xml: camunda(task), linkedForms: { 'aviz.form': file } });
      await deployPackage(engine, t.db, linked('<bpmn:userTask id="verificare" name="Aviz"><bpmn:extensionElements><zeebe:formDefinition formId="aviz-form" /></bpmn:extensionElements></bpmn:userTask>'));
      expect((await findPackage(t.db, 'adeverinta'))!.forms['aviz-form']!.schema).to.deep.include({ title: 'Aviz', required: ['aviz'] });
      await deployPackage(engine, t.db, linked('<bpmn:userTask id="verificare" camunda:formRef="aviz-form" />'));
      expect((await findPackage(t.db, 'adeverinta'))!.forms['aviz-form']!.schema).to.have.nested.property('properties.aviz.oneOf[0].const', 'da');
      await deployPackage(engine, t.db, linked('<bpmn:userTask id="verificare" camunda:formKey="camunda-forms:deployment:aviz.form" />'));
      expect(Object.keys((await findPackage(t.db, 'adeverinta'))!.forms).sort()).to.deep.equal(['camunda-forms:deployment:aviz.form', 'cerere']);
      // Camunda Modeler's own ids (Form_0ab1c2d) come back from the designer as the stored form's key.
      const modelerId = linked('<bpmn:userTask id="verificare"><bpmn:extensionElements><zeebe:formDefinition formId="Form_0ab1c2d" /></bpmn:extensionElements></bpmn:userTask>');
      await deployPackage(engine, t.db, { ...modelerId, linkedForms: { 'aviz.form': { ...file, id: 'Form_0ab1c2d' } } });
      const stored = (await findPackage(t.db, 'adeverinta'))!.forms;
      await deployPackage(engine, t.db, { ...modelerId, forms: stored, linkedForms: {} });
      expect(Object.keys((await findPackage(t.db, 'adeverinta'))!.forms).sort()).to.deep.equal(['Form_0ab1c2d', 'cerere']);
      // A field the form hides under a condition keeps its rule in the stored form's UI schema.
      const conditional = { ...file, components: [...file.components, { type: 'textfield', key: 'motivare', label: 'Motivare', conditional: { hide: '=aviz = "da"' } }] };
      await deployPackage(engine, t.db, { ...linked('<bpmn:userTask id="verificare" camunda:formRef="aviz-form" />'), linkedForms: { 'aviz.form': conditional } });
      expect((await findPackage(t.db, 'adeverinta'))!.forms['aviz-form']!.uiSchema?.elements?.[1]).to.deep.equal({ type: 'Control', scope: '#/properties/motivare', rule: { effect: 'HIDE', condition: { scope: '#/properties/aviz', schema: { const: 'da' } } } });
      // The start event's linked form is the request's, unless the package ships one.
      const startLinked = camunda('<bpmn:userTask id="verificare" />').replace('<bpmn:startEvent id="s"/>', '<bpmn:startEvent id="s"><bpmn:extensionElements><zeebe:formDefinition formId="cerere-form" /></bpmn:extensionElements></bpmn:startEvent>');
      const request = { id: 'cerere-form', components: [{ type: 'textfield', key: 'nume', label: 'Nume', validate: { required: true } }] };
      await deployPackage(engine, t.db, { ...pkg({}), xml: startLinked, linkedForms: { 'cerere.form': request } });
      expect((await findPackage(t.db, 'adeverinta'))!.forms.cerere!.schema).to.deep.include({ required: ['nume'] });
      await deployPackage(engine, t.db, { ...pkg(citizen), xml: startLinked, linkedForms: { 'cerere.form': request } });
      expect((await findPackage(t.db, 'adeverinta'))!.forms.cerere!.schema).to.deep.equal({ type: 'object' });
      const err = await refusal(deployPackage(engine, t.db, linked('<bpmn:userTask id="verificare"><bpmn:extensionElements><zeebe:formDefinition formId="alt-form" /></bpmn:extensionElements></bpmn:userTask>')));
      expect(err.problems!.map((p) => [p.code, p.elementId])).to.deep.equal([['form-missing', 'verificare']]);
      // A package of form files alone is a package with forms: a link to none is refused too.
      const alone = await refusal(deployPackage(engine, t.db, { ...pkg({}), xml: startLinked.replace('<bpmn:userTask id="verificare" />', '<bpmn:userTask id="verificare" camunda:formRef="lipsa" />'), linkedForms: { 'cerere.form': request } }));
      expect(alone.problems!.map((p) => [p.code, p.elementId])).to.deep.equal([['form-missing', 'verificare']]);
    });

    it('refuses what such a form asks that Dosar\'s forms cannot do, naming the task, and stores nothing', async () => {
      const java = generated.replace('<camunda:constraint name="required" />', '<camunda:constraint name="validator" config="ro.primarie.CnpValidator" />');
      const err = await refusal(deployPackage(engine, t.db, { ...pkg(citizen), xml: java }));
      expect(err.problems!.map((p) => [p.code, p.elementId])).to.deep.equal([['form-unsupported', 'verificare']]);
      expect(err.problems![0]!.message).to.contain('validator');
      expect(await t.db.query('select id from definitions')).to.deep.equal([]);
    });
  });

  it('refuses a package whose task issues a document from a template it does not have', async () => {
    const bad = pkg({ cerere: { schema: { type: 'object' } }, verificare: { schema: { type: 'object' } } });
    bad.meta.taskDocuments = { verificare: { template: 'notificare', title: { ro: 'Notificare', en: 'Notice' } } };
    const err = await refusal(deployPackage(engine, t.db, bad));
    expect(err.problems).to.deep.include({ code: 'template-missing', elementId: 'verificare', message: 'The template templates/notificare.hbs that task verificare issues is missing' });
  });

  it('refuses a template that names a value no document is given, before any clerk issues it', async () => {
    const bad = pkg({ cerere: { schema: { type: 'object' } }, verificare: { schema: { type: 'object' } } });
    bad.templates = { raspuns: '<p>{{request.nume}}</p>\n<p>Autorizația nr. {{numar}}</p>' };
    const err = await refusal(deployPackage(engine, t.db, bad));
    expect(err.problems!.map((p) => `${p.code}@${p.elementId}`)).to.deep.equal(['template-invalid@raspuns']);
    expect(err.problems![0]!.message).to.match(/^templates\/raspuns\.hbs line 2: \{\{numar\}\} names nothing a document is given; write \{\{request\.numar\}\}/);
  });

  it('keeps the forms of the latest version when only a new model is deployed', async () => {
    await deployPackage(engine, t.db, pkg({ cerere: { schema: { type: 'object' } }, verificare: { schema: { type: 'object' } } }));
    const bare = await inheritPackage(t.db, { xml: MODEL.replace('Adeverință de rol fiscal', 'Adeverință fiscală'), meta: normaliseMeta({}), forms: {}, templates: {} });
    const [v2] = await deployPackage(engine, t.db, bare);
    expect(v2!.version).to.equal(2);
    expect(Object.keys((await findPackage(t.db, 'adeverinta', 2))!.forms).sort()).to.deep.equal(['cerere', 'verificare']);
  });

  it('gives lookups of one turn each its own latest version, and a version deployed since to the next', async () => {
    await deployPackage(engine, t.db, pkg({ cerere: { schema: { type: 'object' } }, verificare: { schema: { type: 'object' } } }));
    const asked = await Promise.all(['adeverinta', 'nimic', 'adeverinta'].map((key) => findPackage(t.db, key)));
    expect(asked.map((p) => p?.version)).to.deep.equal([1, undefined, 1]);
    await deployPackage(engine, t.db, await inheritPackage(t.db, { xml: MODEL, meta: normaliseMeta({}), forms: {}, templates: {} }));
    expect((await findPackage(t.db, 'adeverinta'))?.version).to.equal(2);
  });

  it('reads the built-in petition package with its forms and answer template', async () => {
    const petitie = await readPackage(fileURLToPath(new URL('../../../procedures/petitie', import.meta.url)));
    expect(Object.keys(petitie.forms).sort()).to.deep.equal(['cerere', 'inregistrare-raspuns', 'solutionare', 'triere']);
    expect(Object.keys(petitie.templates)).to.deep.equal(['raspuns']);
    expect(petitie.meta).to.include({ register: 'intrari', requestForm: 'cerere', answerTask: 'raspuns' });
    expect(petitie.linkedForms).to.equal(undefined);
  });

  it('reads the form files Camunda Modeler saves (forms/*.form) beside the JSON Schema forms', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dosar-package-'));
    try {
      await mkdir(join(dir, 'forms'));
      await writeFile(join(dir, 'adeverinta.bpmn'), MODEL);
      await writeFile(join(dir, 'forms', 'cerere.schema.json'), '{"type":"object"}');
      await writeFile(join(dir, 'forms', 'verificare.form'), '{"id":"verificare","components":[]}');
      const read = await readPackage(dir);
      expect(Object.keys(read.forms)).to.deep.equal(['cerere']);
      expect(read.linkedForms).to.deep.equal({ 'verificare.form': { id: 'verificare', components: [] } });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a stored procedure package', () => {
  const t = useTestDatabase();

  it('keeps the form fields in the order they were written', async () => {
    const engine = new Engine({ store: createEnginePort(t.db), clock: fixedClock('2026-03-02T08:00:00Z') });
    const properties = { zeta: { type: 'string' }, alfa: { type: 'string' }, mijloc: { type: 'string' } };
    await deployPackage(engine, t.db, pkg({ cerere: { schema: { type: 'object', properties } }, verificare: { schema: { type: 'object' } } }));
    const stored = await findPackage(t.db, 'adeverinta');
    expect(Object.keys(stored!.forms.cerere!.schema.properties as object)).to.deep.equal(['zeta', 'alfa', 'mijloc']);
  });

  it('titles a procedure deployed without catalogue data by its process name', async () => {
    const engine = new Engine({ store: createEnginePort(t.db), clock: fixedClock('2026-03-02T08:00:00Z') });
    await deployPackage(engine, t.db, await inheritPackage(t.db, { xml: MODEL, meta: normaliseMeta({}), forms: { cerere: { schema: { type: 'object' } }, verificare: { schema: { type: 'object' } } }, templates: {} }));
    expect((await findPackage(t.db, 'adeverinta'))!.meta.title).to.deep.equal({ ro: 'Adeverință de rol fiscal', en: 'Adeverință de rol fiscal' });
  });
});

describe('a procedure whose process id has diacritics', () => {
  const t = useTestDatabase();

  it('is refused with a problem that says what a BPMN id may contain', async () => {
    const engine = new Engine({ store: createEnginePort(t.db), clock: fixedClock('2026-03-02T08:00:00Z') });
    const xml = MODEL.replaceAll('adeverinta', 'adeverință_fiscală');
    const err = await refusal(deployPackage(engine, t.db, { xml, meta: normaliseMeta({}), forms: {}, templates: {} }));
    expect(err.problems).to.deep.include({ code: 'id-invalid', elementId: 'adeverință_fiscală', message: '"adeverință_fiscală" is not a valid BPMN id: use letters a-z, digits, "_", "-" and "." (no diacritics or spaces), starting with a letter or "_"' });
  });
});

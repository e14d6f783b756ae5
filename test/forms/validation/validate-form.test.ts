import { expect } from 'chai';
import { checkFormSchema, validateForm, type JsonSchema } from '../../../forms/index.ts';

const schema: JsonSchema = {
  type: 'object',
  required: ['nume', 'cnp', 'email'],
  additionalProperties: false,
  properties: {
    nume: { type: 'string', title: 'Nume și prenume', minLength: 3, 'x-labels': { en: { title: 'Full name' } } },
    cnp: { type: 'string', title: 'CNP', format: 'cnp' },
    email: { type: 'string', title: 'E-mail', format: 'email' },
    telefon: { type: 'string', title: 'Telefon', format: 'phone-ro' },
    iban: { type: 'string', title: 'IBAN', format: 'iban-ro' },
    firma: { type: 'string', title: 'CUI firmă', format: 'cui' },
    codPostal: { type: 'string', title: 'Cod poștal', format: 'postal-code-ro' },
    copii: { type: 'integer', title: 'Număr de copii', minimum: 0 },
  },
};
let version = 0;
const check = (data: unknown, lang: 'ro' | 'en' = 'ro') => validateForm(schema, data, { id: 'test', version: 1, lang });

describe('validateForm', () => {
  const valid = { nume: 'Ana Popescu', cnp: '1800101221144', email: 'ana@exemplu.ro', telefon: '0722 123 456', iban: 'RO49AAAA1B31007593840000', firma: 'RO18547290', codPostal: '700259', copii: 2 };

  it('accepts a correctly filled form', () => {
    expect(check(valid)).to.deep.equal({ valid: true, data: valid });
  });

  describe('when the CNP has a wrong control digit', () => {
    it('rejects it with a Romanian message beside the field', () => {
      const result = check({ ...valid, cnp: '1800101221145' });
      expect(result.valid).to.equal(false);
      if (result.valid) return;
      expect(result.errors).to.deep.equal([{ pointer: '/cnp', field: 'cnp', keyword: 'format', message: 'Introduceți un CNP valid: 13 cifre, cu cifra de control corectă.' }]);
    });
  });

  const invalid: Array<[string, unknown]> = [
    ['cnp', '1801301221144'], ['cnp', '1800101991143'], ['firma', 'RO18547291'], ['iban', 'RO49AAAA1B31007593840001'],
    ['telefon', '0622 123 456'], ['codPostal', '70025'], ['email', 'ana@'], ['copii', -1], ['copii', 1.5],
  ];
  for (const [field, value] of invalid) {
    it(`refuses ${field} = ${JSON.stringify(value)}`, () => {
      const result = check({ ...valid, [field]: value });
      expect(result.valid).to.equal(false);
      if (!result.valid) expect(result.errors.map((e) => e.field)).to.deep.equal([field]);
    });
  }

  it('names missing fields by their label, in English when asked', () => {
    const result = check({ cnp: valid.cnp, email: valid.email }, 'en');
    expect(result.valid).to.equal(false);
    if (!result.valid) expect(result.errors[0]!.message).to.equal('Fill in “Full name”.');
  });

  it('says which dates a date field takes, and asks for a box that must be ticked to be ticked', () => {
    const dated: JsonSchema = {
      type: 'object',
      properties: {
        inceput: { type: 'string', title: 'Data începerii', format: 'date', formatMinimum: '2027-01-01', formatExclusiveMaximum: '2027-07-01' },
        nastere: { type: 'string', title: 'Data nașterii', format: 'date', formatMaximum: '2026-12-31' },
        acord: { type: 'boolean', title: 'Sunt de acord', const: true },
      },
    };
    const messages = (data: unknown, lang: 'ro' | 'en') => {
      const result = validateForm(dated, data, { id: 'dated', version: 1, lang });
      return result.valid ? [] : result.errors.map((e) => e.message);
    };
    expect(messages({ inceput: '2026-12-30', nastere: '2027-01-02', acord: false }, 'ro')).to.deep.equal([
      '„Data începerii” trebuie să fie cel mai devreme 01.01.2027.', '„Data nașterii” trebuie să fie cel târziu 31.12.2026.', 'Bifați „Sunt de acord”.',
    ]);
    expect(messages({ inceput: '2027-07-01' }, 'en')).to.deep.equal(['“Data începerii” must be before 2027-07-01.']);
    expect(messages({ inceput: '2027-06-30', nastere: '2026-12-31', acord: true }, 'ro')).to.deep.equal([]);
  });

  it('takes amounts in bani as written (19.99 is a multiple of 0.01) and says how many decimals a step allows', () => {
    const priced: JsonSchema = { type: 'object', properties: { suma: { type: 'number', title: 'Suma', multipleOf: 0.01 }, bucati: { type: 'number', title: 'Bucăți', multipleOf: 5 } } };
    const messages = (data: unknown, lang: 'ro' | 'en' = 'ro') => {
      const result = validateForm(priced, data, { id: 'priced', version: 1, lang });
      return result.valid ? [] : result.errors.map((e) => e.message);
    };
    for (const suma of [19.99, 0.07, 4.35, 1.15, 123456.78]) expect(messages({ suma }), String(suma)).to.deep.equal([]);
    expect(messages({ suma: 1.234, bucati: 7 })).to.deep.equal(['„Suma” poate avea cel mult 2 zecimale.', '„Bucăți” trebuie să fie un multiplu de 5.']);
    expect(messages({ suma: 1.234 }, 'en')).to.deep.equal(['“Suma” can have at most 2 decimal places.']);
  });

  it('takes a time of day as people write it (14:30) and as RFC 3339 does, and says the form it wants', () => {
    const timed: JsonSchema = { type: 'object', properties: { ora: { type: 'string', title: 'Ora', format: 'time' } } };
    for (const ora of ['14:30', '09:05:30', '14:30:00+02:00', '23:59:59Z']) expect(validateForm(timed, { ora }, { id: 'timed', version: 1 }).valid, ora).to.equal(true);
    for (const ora of ['24:00', '9:5', '14.30', '14:30 PM']) {
      const result = validateForm(timed, { ora }, { id: 'timed', version: 1 });
      expect(result.valid ? [] : result.errors.map((e) => e.message), ora).to.deep.equal(['Introduceți o oră validă, de forma HH:MM, de exemplu 14:30.']);
    }
  });

  it('refuses a field that is not part of the form', () => {
    const result = check({ ...valid, admin: true });
    expect(result.valid).to.equal(false);
    if (!result.valid) expect(result.errors[0]).to.include({ field: 'admin', keyword: 'additionalProperties' });
  });

  it('refuses prototype-pollution keys before validating', () => {
    const result = check(JSON.parse(`{"nume":"Ana Popescu","__proto__":{"admin":true}}`));
    expect(result.valid).to.equal(false);
    if (!result.valid) expect(result.errors[0]!.keyword).to.equal('limits');
  });

  it('refuses text the database cannot store (NUL, lone surrogates) beside the field', () => {
    for (const bad of ['Ana\u0000', 'Ana\ud800', '\udc00Ana']) {
      const result = check({ ...valid, nume: bad }, 'en');
      expect(result.valid, JSON.stringify(bad)).to.equal(false);
      if (!result.valid) expect(result.errors[0]).to.deep.include({ pointer: '/nume', field: 'nume' });
      if (!result.valid) expect(result.errors[0]!.message).to.contain('not allowed');
    }
    const key = check({ ...valid, ['x\u0000']: 'y' });
    expect(key.valid).to.equal(false);
  });

  it('does not refuse Romanian letters and emoji written as surrogate pairs', () => {
    expect(check({ ...valid, nume: 'Ștefan Țăranu 😀' }).valid).to.equal(true);
  });

  it('refuses huge strings and deep nesting with a clear message', () => {
    const huge = check({ ...valid, nume: 'x'.repeat(20_000) });
    expect(huge.valid).to.equal(false);
    let deep: unknown = 'x';
    for (let i = 0; i < 50; i++) deep = { a: deep };
    const nested = check({ ...valid, nume: deep });
    expect(nested.valid).to.equal(false);
  });

  it('drops unknown fields when the schema declares that policy', () => {
    const dropping = { ...schema, additionalProperties: undefined, 'x-extra': 'drop' } as JsonSchema;
    delete dropping.additionalProperties;
    const result = validateForm(dropping, { ...valid, extra: 1 }, { id: 'drop', version: ++version });
    expect(result).to.deep.equal({ valid: true, data: valid });
  });
});

describe('checkFormSchema', () => {
  it('names the formats there are when a schema names one that is not (an analyst guessing "iban")', () => {
    const [problem] = checkFormSchema({ type: 'object', properties: { cont: { type: 'string', format: 'iban' } } });
    expect(problem!.message).to.contain('unknown format "iban"').and.to.contain('iban-ro').and.to.contain('cnp, cui');
  });

  it('refuses a schema that does not compile, with the pointer', () => {
    const problems = checkFormSchema({ type: 'object', properties: { a: { type: 'strng' } } });
    expect(problems).to.have.length(1);
    expect(problems[0]!.code).to.equal('form-invalid');
  });

  it('accepts a schema with our label keywords', () => {
    expect(checkFormSchema(schema)).to.deep.equal([]);
  });

  it('accepts the account prefill a field asks for (x-prefill)', () => {
    expect(checkFormSchema({ type: 'object', properties: { numele: { type: 'string', 'x-prefill': 'name' }, posta: { type: 'string', 'x-prefill': 'email' } } })).to.deep.equal([]);
  });
});

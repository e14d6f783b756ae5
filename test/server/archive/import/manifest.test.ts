import { expect } from 'chai';
import { parseCsv } from '../../../../server/archive/import/csv.ts';
import { ManifestError, readManifest } from '../../../../server/archive/import/manifest.ts';
import { csvText, dossier } from './import-folder.ts';

const read = (text: string) => readManifest(parseCsv(text));

describe('archive import manifest', () => {
  describe('when the rows are right', () => {
    it('reads a dossier with Romanian dates, retention in years, parties and the public flag', () => {
      // given
      const text = csvText([{ ...dossier('1234/2019'), document_kind: 'cerere', document_title: 'Cerere inițială', file: 'scans/1234-cerere.pdf' }]);
      // when
      const { rows, problems } = read(text);
      // then
      expect(problems).to.deep.equal([]);
      expect(rows[0]).to.deep.include({ line: 2, file: 'scans/1234-cerere.pdf', documentKind: 'cerere', documentTitle: 'Cerere inițială' });
      expect(rows[0]!.dossier).to.deep.equal({
        registerNumber: '1234/2019', registerDate: '2019-03-14', year: 2019, nomenclatorCode: 'III-4', retentionYears: 10,
        department: 'Urbanism', title: 'Certificat de urbanism, dosarul 1234/2019', parties: ['Ionescu Ștefan', 'Țăranu Ana'], isPublic: false,
      });
    });

    it('matches the kind of document without diacritics or case, anything else being "altul"', () => {
      const { rows } = read(csvText([{ ...dossier('1'), document_kind: 'Hotărâre', file: 'a.pdf' }, { ...dossier('1'), document_kind: 'Proces-verbal', file: 'b.pdf' }]));
      expect(rows.map((r) => r.documentKind)).to.deep.equal(['hotarare', 'altul']);
    });

    it('reads permanent retention and a public dossier', () => {
      const { rows } = read(csvText([{ ...dossier('7'), retention: 'permanent', public: 'da', register_date: '2001-12-31', file: 'a.pdf' }]));
      expect(rows[0]!.dossier).to.include({ retentionYears: null, isPublic: true, year: 2001 });
    });
  });

  describe('when rows are wrong', () => {
    it('refuses a row with a date that does not exist, saying which line', () => {
      const { rows, problems } = read(csvText([{ ...dossier('1'), register_date: '31.02.2019', file: 'a.pdf' }, { ...dossier('2'), file: 'b.pdf' }]));
      expect(rows.map((r) => r.file)).to.deep.equal(['b.pdf']);
      expect(problems).to.have.length(1);
      expect(problems[0]).to.include({ line: 2, file: 'a.pdf', reason: 'row-invalid' });
    });

    it('refuses a line with more values than the header has columns, naming no file from its shifted cells', () => {
      const header = 'register_number;register_date;nomenclator_code;retention;department;dossier_title;parties;file';
      const { rows, problems } = read([header, '1/2019;14.03.2019;III-4;10;urbanism;Dosar;Ionescu Ștefan; Țăranu Ana;a.pdf', '2/2019;14.03.2019;III-4;10;urbanism;Dosar;"Pop Ion; Pop Ana";b.pdf;'].join('\n'));
      expect(rows.map((r) => [r.file, r.dossier.parties])).to.deep.equal([['b.pdf', ['Pop Ion', 'Pop Ana']]]);
      expect(problems).to.have.length(1);
      expect(problems[0]).to.include({ line: 2, file: null, reason: 'row-invalid' });
      expect(problems[0]!.message).to.contain('9 values but the header 8 columns');
    });

    it('refuses every row of a register number whose dossier data disagree, and keeps the others', () => {
      const { rows, problems } = read(csvText([
        { ...dossier('5/2019'), file: 'a.pdf' },
        { ...dossier('5/2019', { dossier_title: 'Alt titlu' }), file: 'b.pdf' },
        { ...dossier('6/2019'), file: 'c.pdf' },
      ]));
      expect(rows.map((r) => r.file)).to.deep.equal(['c.pdf']);
      expect(problems.map((p) => [p.file, p.reason])).to.deep.equal([['a.pdf', 'register-conflict'], ['b.pdf', 'register-conflict']]);
    });

    it('does not call two documents of the same dossier a conflict', () => {
      const { rows, problems } = read(csvText([{ ...dossier('5/2019'), file: 'a.pdf' }, { ...dossier('5/2019'), file: 'b.pdf' }]));
      expect(problems).to.deep.equal([]);
      expect(rows).to.have.length(2);
    });

    it('imports a file named twice only once', () => {
      const { rows, problems } = read(csvText([{ ...dossier('1'), file: 'a.pdf' }, { ...dossier('1'), file: './a.pdf' }]));
      expect(rows).to.have.length(1);
      expect(problems[0]).to.include({ line: 3, reason: 'file-listed-twice' });
    });

    it('refuses a row without a nomenclator code or a retention term', () => {
      const { problems } = read(csvText([{ ...dossier('1'), nomenclator_code: '', file: 'a.pdf' }, { ...dossier('2'), retention: '', file: 'b.pdf' }]));
      expect(problems.map((p) => p.message)).to.deep.equal(['nomenclator_code is empty', 'retention is empty: a number of years or "permanent" (Legea 16/1996)']);
    });

    it('refuses a header without the required columns', () => {
      expect(() => read('register_number,file\n1,a.pdf\n')).to.throw(ManifestError, 'register_date');
    });
  });
});

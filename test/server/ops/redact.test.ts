import { expect } from 'chai';
import { redact } from '../../../server/ops/redact.ts';

describe('redact', () => {
  describe('when a message holds a CNP', () => {
    it('masks a code with a real birth date', () => {
      expect(redact('form-invalid for cnp 1850312080012 in field cnp')).to.equal('form-invalid for cnp [cnp] in field cnp');
    });

    it('masks every CNP in the message, at its start and end too', () => {
      expect(redact('2991231400018,6040229123456')).to.equal('[cnp],[cnp]');
    });

    it('does not mask 13 digits whose month or day cannot be a birth date', () => {
      expect(redact('order 1851312080012 and 1850332080012')).to.equal('order 1851312080012 and 1850332080012');
    });

    it('does not mask digits inside a longer number or one starting with 0', () => {
      expect(redact('id 918503120800127 and 0850312080012')).to.equal('id 918503120800127 and 0850312080012');
    });
  });

  describe('when a message holds an email address', () => {
    it('masks the mailbox and keeps the domain', () => {
      expect(redact('mail to maria.ionescu+cereri@exemplu.ro (confirmare) failed')).to.equal('mail to ***@exemplu.ro (confirmare) failed');
    });

    it('does not touch text with an @ that is no address', () => {
      expect(redact('see @mention and a@b')).to.equal('see @mention and a@b');
    });
  });
});

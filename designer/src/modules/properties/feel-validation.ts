import { useMemo } from '@bpmn-io/properties-panel/preact/hooks';
import { useService } from 'bpmn-js-properties-panel';
import { feelSyntaxError } from '../../feel-check.ts';
import type { Translate } from '../translate/translate-module.ts';

/** A text field's check of FEEL as it is typed: where it stops parsing, in the reader's language. */
export function useFeelValidation(): (value: string | undefined) => string | undefined {
  const translate = useService<Translate>('translate');
  return useMemo(() => (value: string | undefined) => {
    const error = feelSyntaxError(value ?? '');
    return error ? translate('FEEL syntax error at position {position}', { position: String(error.position) }) : undefined;
  }, [translate]);
}

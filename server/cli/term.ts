import { AppError } from '../../engine/errors.ts';
import type { CliCommand } from './commands.ts';

/** `dosar term`: wired to engine/calendar once the legal-term calendar lands. */
export const termCommand: CliCommand = {
  usage: '<YYYY-MM-DD> <amount> <days|working-days|months> [--rule civil|procedural] [--explain]',
  options: { rule: { type: 'string' }, explain: { type: 'boolean' } },
  async run() {
    throw new AppError('bad-input', 'dosar term is not available yet');
  },
};

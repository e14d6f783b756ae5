import { AppError } from '../../engine/index.ts';
import type { OpenedEngine } from '../open-engine.ts';
import { archiveImportCommand } from './archive-import.ts';
import { archiveTools } from './archive-tools.ts';
import type { CliCommand, CliContext, Values } from './command.ts';

type Open = (values: Values, ctx: CliContext) => Promise<OpenedEngine>;

/** `dosar archive <import|generate|selection> …`: the import (archive-import.ts) and the archive's other tools (archive-tools.ts). */
export function archiveCommand(open: Open): CliCommand {
  const tools: Record<string, CliCommand> = { import: archiveImportCommand(open), ...archiveTools(open) };
  return {
    usage: Object.entries(tools).map(([name, t]) => `${name} ${t.usage}`).join(' | '),
    options: Object.assign({}, ...Object.values(tools).map((t) => t.options)) as CliCommand['options'],
    async run(positionals, values, ctx) {
      const [action, ...rest] = positionals;
      const tool = action ? tools[action] : undefined;
      if (!tool) throw new AppError('bad-input', { ro: `Folosire: dosar archive ${this.usage}`, en: `Usage: dosar archive ${this.usage}` });
      return tool.run(rest, values, ctx);
    },
  };
}

import { parseArgs } from 'node:util';
import { AppError, toAppError } from '../../engine/index.ts';
import { COMMANDS, type CliContext, type CliOutput } from './commands.ts';

/**
 * `dosar <command> [args] [--json]`: with --json exactly one JSON object on stdout; errors go to
 * stderr with exit code 1 (as `{ "error": { code, message, problems? } }` with --json). A command that
 * did its work only in part (`archive import` refusing some files) still prints its output and
 * exits with its own code (2).
 */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const json = rest.includes('--json');
  const ctx: CliContext = { close: [] };
  try {
    if (!name || name === '--help' || name === 'help') {
      process.stdout.write(usage());
      return name ? 0 : 1;
    }
    const command = COMMANDS[name];
    if (!command) throw new AppError('bad-input', `Unknown command "${name}". Run "dosar help" for the list.`);
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: { json: { type: 'boolean' }, at: { type: 'string' }, ...command.options }, allowPositionals: true, strict: true });
    } catch (err) {
      // Node's messages run over several lines and suggest `--opt=-x`; one line says it.
      const message = (err as Error).message;
      const valueless = /^Option '(--?[\w-]+)[^']*' argument (?:is ambiguous|missing)/.exec(message);
      throw new AppError('bad-input', valueless ? `Option '${valueless[1]}' needs a value` : message.split('\n')[0]!.replace(/\. To specify.*$/, ''));
    }
    const output: CliOutput = await command.run(parsed.positionals, parsed.values as Record<string, string | boolean | string[] | undefined>, ctx);
    process.stdout.write(json ? `${JSON.stringify(output.json)}\n` : `${output.text}\n`);
    return output.exitCode ?? 0;
  } catch (err) {
    const error = toAppError(err);
    if (error.code === 'internal' && process.env.DOSAR_DEBUG) console.error(err);
    const body = { code: error.code, message: error.message, ...(error.problems ? { problems: error.problems } : {}) };
    if (json) process.stderr.write(`${JSON.stringify({ error: body })}\n`);
    else {
      process.stderr.write(`dosar: ${error.message}\n`);
      for (const p of error.problems ?? []) process.stderr.write(`  - [${p.code}]${p.elementId ? ` ${p.elementId}:` : ''} ${p.message}\n`);
    }
    return 1;
  } finally {
    for (const close of ctx.close.reverse()) await close().catch(() => undefined);
  }
}

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  dosar ${name} ${c.usage}`);
  return `Dosar: durable BPMN engine for administrative procedures\n\nUsage:\n${lines.join('\n')}\n\nEvery command accepts --json (one JSON object on stdout) and, with DOSAR_CLOCK=manual, --at <ISO date-time>.\nDatabase: DATABASE_URL (PostgreSQL) or the embedded one in DOSAR_DATA_DIR (default ./data).\n`;
}

process.exitCode = await main(process.argv.slice(2));

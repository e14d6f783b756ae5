/** What every `dosar` subcommand is: its own file, so command lists and commands do not import each other. */
export interface CliContext {
  /** Resources to release when the command ends. */
  close: Array<() => Promise<void>>;
}

export interface CliOutput {
  json: unknown;
  text: string;
  /** The process's exit code when the command did its work but not all of it (default 0; 1 is an error). */
  exitCode?: number;
}

export type Values = Record<string, string | boolean | string[] | undefined>;

export interface CliCommand {
  usage: string;
  options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;
  run(positionals: string[], values: Values, ctx: CliContext): Promise<CliOutput>;
}

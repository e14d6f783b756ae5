/** What every `dosar` subcommand is: its own file, so command lists and commands do not import each other. */
export interface CliContext {
  /** Resources to release when the command ends. */
  close: Array<() => Promise<void>>;
}

export interface CliOutput {
  json: unknown;
  text: string;
}

export type Values = Record<string, string | boolean | string[] | undefined>;

export interface CliCommand {
  usage: string;
  options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;
  run(positionals: string[], values: Values, ctx: CliContext): Promise<CliOutput>;
}

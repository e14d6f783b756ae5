import { parseExpression } from 'feelin';

/**
 * Where a condition stops being valid FEEL, or undefined when it parses. Mirrors the engine's deploy
 * check (engine/expressions/feel.ts: any error node is a syntax error); "=expr" is Camunda 8's
 * spelling of the same FEEL, and JUEL ("${...}") is translated on the server, so it is not checked here.
 */
export function feelSyntaxError(text: string): { position: number } | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || /^[$#]\{/.test(trimmed)) return undefined;
  const offset = text.indexOf(trimmed) + (trimmed.startsWith('=') ? 1 : 0);
  const feel = trimmed.startsWith('=') ? trimmed.slice(1) : trimmed;
  let position: number | undefined;
  try {
    parseExpression(feel, {}, undefined).iterate({
      enter: (node) => {
        if (position === undefined && node.type.isError) position = node.from;
        return position === undefined;
      },
    });
  } catch {
    position = 0;
  }
  return position === undefined ? undefined : { position: offset + position + 1 };
}

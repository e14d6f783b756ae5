import type { JsonSchema } from '../../forms/index.ts';
import type { User } from '../auth/users.ts';

/**
 * What a citizen's form can start with from their account: their name and e-mail, in the form's
 * own top-level fields for them. A field says which it takes with `x-prefill` ("name" or "email");
 * without it, a text field named `nume`/`name` takes the name and an `email` field (or one of
 * format email) the e-mail. Only a start: the citizen may change both before submitting.
 */
export function prefillFromAccount(schema: JsonSchema, user: Pick<User, 'name' | 'email'>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  for (const [key, node] of Object.entries(properties)) {
    if (node.type !== 'string') continue;
    const asked = node['x-prefill'];
    const takes = asked === 'name' || asked === 'email' ? asked
      : key === 'nume' || key === 'name' ? 'name'
        : key === 'email' || node.format === 'email' ? 'email' : undefined;
    const value = takes === 'name' ? user.name : takes === 'email' ? user.email : undefined;
    if (value && !(key in data)) data[key] = value;
  }
  return data;
}

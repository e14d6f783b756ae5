import type { Variables } from '../core/types.ts';
import type { EnginePort, SignalDelivery } from '../ports.ts';
import type { Database } from './database.ts';

/** The SQL of signal broadcasts (see the migration 20261204100000_add_signal_deliveries). */

interface DeliveryRow {
  id: string;
  signal_name: string;
  variables: Variables;
  subscription_id: string;
  instance_id: string | null;
  definition_id: string | null;
  element_id: string;
  token_id: string | null;
  scope_id: string | null;
}

function toDelivery(row: DeliveryRow): SignalDelivery {
  return {
    id: String(row.id),
    signalName: row.signal_name,
    variables: row.variables,
    subscription: {
      id: row.subscription_id,
      kind: 'signal',
      messageName: row.signal_name,
      elementId: row.element_id,
      ...(row.token_id ? { tokenId: row.token_id } : {}),
      ...(row.scope_id ? { scopeId: row.scope_id } : {}),
    },
    ...(row.instance_id ? { instanceId: row.instance_id } : {}),
    ...(row.definition_id ? { definitionId: row.definition_id } : {}),
  };
}

export function signalStore(db: Database): Pick<EnginePort, 'broadcastSignal' | 'claimSignalDeliveries' | 'deleteSignalDeliveries' | 'countSignalDeliveries'> {
  return {
    async broadcastSignal(signalName, variables, now) {
      const [row] = await db.query<{ n: string | number }>(
        `with d as (
           insert into signal_deliveries (signal_name, variables, subscription_id, instance_id, definition_id, element_id, token_id, scope_id, created_at)
           select $1, $2::jsonb, s.id, s.instance_id, s.definition_id, s.element_id, s.token_id, s.scope_id, $3
           from subscriptions s where s.kind = 'signal' and s.message_name = $1
           returning 1)
         select count(*) as n from d`,
        [signalName, JSON.stringify(variables), now],
      );
      return Number(row?.n ?? 0);
    },

    async claimSignalDeliveries(limit) {
      const rows = await db.query<DeliveryRow>('select * from signal_deliveries order by id limit $1 for update skip locked', [limit]);
      return rows.map(toDelivery);
    },

    async deleteSignalDeliveries(ids) {
      if (ids.length > 0) await db.query('delete from signal_deliveries where id = any($1::bigint[])', [ids]);
    },

    async countSignalDeliveries() {
      const [row] = await db.query<{ n: string | number }>('select count(*) as n from signal_deliveries');
      return Number(row?.n ?? 0);
    },
  };
}

import type { Knex } from 'knex';
import * as createEngineTables from './20261124120000_create_engine_tables.ts';
import * as createCalendarDays from './20261124130000_create_calendar_days.ts';
import * as createFormDrafts from './20261124140000_create_form_drafts.ts';
import * as createServerTables from './20261125120000_create_server_tables.ts';
import * as createScheduledRuns from './20261125130000_create_scheduled_runs.ts';
import * as keepFormFieldOrder from './20261125140000_keep_form_field_order.ts';
import * as keepOneEventRowPerStep from './20261125150000_keep_one_event_row_per_step.ts';
import * as keyEventsByInstance from './20261202120000_key_events_by_instance.ts';
import * as guardSignInAndTokens from './20261203110000_guard_sign_in_and_tokens.ts';
import * as numberRequestsLast from './20261203120000_number_requests_last.ts';
import * as createUploads from './20261203100000_create_uploads.ts';

/**
 * Every migration, in order. Files are named <stamp>_<verb>_<object>.ts and never edited once
 * landed; a change is a new file added here.
 */
const MIGRATIONS: Array<[string, Knex.Migration]> = [
  ['20261124120000_create_engine_tables', createEngineTables],
  ['20261124130000_create_calendar_days', createCalendarDays],
  ['20261124140000_create_form_drafts', createFormDrafts],
  ['20261125120000_create_server_tables', createServerTables],
  ['20261125130000_create_scheduled_runs', createScheduledRuns],
  ['20261125140000_keep_form_field_order', keepFormFieldOrder],
  ['20261125150000_keep_one_event_row_per_step', keepOneEventRowPerStep],
  ['20261202120000_key_events_by_instance', keyEventsByInstance],
  ['20261203110000_guard_sign_in_and_tokens', guardSignInAndTokens],
  ['20261203120000_number_requests_last', numberRequestsLast],
  ['20261203100000_create_uploads', createUploads],
];

export const migrationSource: Knex.MigrationSource<[string, Knex.Migration]> = {
  getMigrations: async () => MIGRATIONS,
  getMigrationName: ([name]) => name,
  getMigration: async ([, migration]) => migration,
};

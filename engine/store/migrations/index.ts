import type { Knex } from 'knex';
import * as createEngineTables from './20261124120000_create_engine_tables.ts';
import * as createCalendarDays from './20261124130000_create_calendar_days.ts';
import * as keepOneEventRowPerStep from './20261125150000_keep_one_event_row_per_step.ts';
import * as keyEventsByInstance from './20261202120000_key_events_by_instance.ts';
import * as publishReadViews from './20261203130000_publish_read_views.ts';
import * as addSignalDeliveries from './20261204100000_add_signal_deliveries.ts';
import * as createDecisions from './20261204150000_create_decisions.ts';
import * as publishTokensView from './20261205150000_publish_tokens_view.ts';
import * as publishJobAndTimerViews from './20261205170000_publish_job_and_timer_views.ts';
import * as readEventItemsByRecordset from './20261207090000_read_event_items_by_recordset.ts';

/**
 * The engine's migrations, in order: engine tables only (the application's live in its own set,
 * see MigrationSet). Files are named <stamp>_<verb>_<object>.ts and never edited once landed; a
 * change is a new file added here.
 */
const MIGRATIONS: Array<[string, Knex.Migration]> = [
  ['20261124120000_create_engine_tables', createEngineTables],
  ['20261124130000_create_calendar_days', createCalendarDays],
  ['20261125150000_keep_one_event_row_per_step', keepOneEventRowPerStep],
  ['20261202120000_key_events_by_instance', keyEventsByInstance],
  ['20261203130000_publish_read_views', publishReadViews],
  ['20261204100000_add_signal_deliveries', addSignalDeliveries],
  ['20261204150000_create_decisions', createDecisions],
  ['20261205150000_publish_tokens_view', publishTokensView],
  ['20261205170000_publish_job_and_timer_views', publishJobAndTimerViews],
  ['20261207090000_read_event_items_by_recordset', readEventItemsByRecordset],
];

export const migrationSource: Knex.MigrationSource<[string, Knex.Migration]> = {
  getMigrations: async () => MIGRATIONS,
  getMigrationName: ([name]) => name,
  getMigration: async ([, migration]) => migration,
};

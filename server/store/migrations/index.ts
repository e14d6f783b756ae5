import type { Knex } from 'knex';
import type { MigrationSet } from '../../../engine/index.ts';
import * as createFormDrafts from './20261124140000_create_form_drafts.ts';
import * as createServerTables from './20261125120000_create_server_tables.ts';
import * as createScheduledRuns from './20261125130000_create_scheduled_runs.ts';
import * as keepFormFieldOrder from './20261125140000_keep_form_field_order.ts';
import * as createUploads from './20261203100000_create_uploads.ts';
import * as guardSignInAndTokens from './20261203110000_guard_sign_in_and_tokens.ts';
import * as numberRequestsLast from './20261203120000_number_requests_last.ts';
import * as createPaymentOrders from './20261204120000_create_payment_orders.ts';
import * as addPasswordResets from './20261204130000_add_password_resets.ts';
import * as createCaseNotes from './20261204140000_create_case_notes.ts';
import * as addDocumentPdfKeys from './20261205120000_add_document_pdf_keys.ts';
import * as addDocumentVerificationCodes from './20261204160000_add_document_verification_codes.ts';
import * as createArchive from './20261205100000_create_archive.ts';
import * as indexArchiveFilters from './20261205100100_index_archive_filters.ts';
import * as addNativeArchiveText from './20261205100200_add_native_archive_text.ts';
import * as linkPaymentReceipts from './20261205130000_link_payment_receipts.ts';
import * as createRequestRatings from './20261205140000_create_request_ratings.ts';
import * as createQualityElementDaily from './20261205150000_create_quality_element_daily.ts';
import * as indexArchiveStorageKeys from './20261205160000_index_archive_storage_keys.ts';
import * as foldArchiveParties from './20261205180000_fold_archive_parties.ts';
import * as addHeadOfDepartmentRole from './20261205110000_add_head_of_department_role.ts';
import * as createQualityAggregates from './20261205110100_create_quality_aggregates.ts';

/**
 * The server's tables (people, access, packages, requests, documents, uploads…), in order. They run
 * after the engine's and are listed in their own table. Files are named <stamp>_<verb>_<object>.ts
 * and never edited once landed; a change is a new file added here. These files were the engine's
 * until the engine became a library: databases made before then list them in `knex_migrations`,
 * and the first migration after that moves their names here (engine/store/migrate.ts).
 */
const MIGRATIONS: Array<[string, Knex.Migration]> = [
  ['20261124140000_create_form_drafts', createFormDrafts],
  ['20261125120000_create_server_tables', createServerTables],
  ['20261125130000_create_scheduled_runs', createScheduledRuns],
  ['20261125140000_keep_form_field_order', keepFormFieldOrder],
  ['20261203110000_guard_sign_in_and_tokens', guardSignInAndTokens],
  ['20261203120000_number_requests_last', numberRequestsLast],
  ['20261203100000_create_uploads', createUploads],
  ['20261204120000_create_payment_orders', createPaymentOrders],
  ['20261204130000_add_password_resets', addPasswordResets],
  ['20261204140000_create_case_notes', createCaseNotes],
  ['20261204160000_add_document_verification_codes', addDocumentVerificationCodes],
  ['20261205100000_create_archive', createArchive],
  ['20261205100100_index_archive_filters', indexArchiveFilters],
  ['20261205100200_add_native_archive_text', addNativeArchiveText],
  ['20261205110000_add_head_of_department_role', addHeadOfDepartmentRole],
  ['20261205110100_create_quality_aggregates', createQualityAggregates],
  ['20261205120000_add_document_pdf_keys', addDocumentPdfKeys],
  ['20261205130000_link_payment_receipts', linkPaymentReceipts],
  ['20261205140000_create_request_ratings', createRequestRatings],
  ['20261205150000_create_quality_element_daily', createQualityElementDaily],
  ['20261205160000_index_archive_storage_keys', indexArchiveStorageKeys],
  ['20261205180000_fold_archive_parties', foldArchiveParties],
];

export const serverMigrations: MigrationSet = {
  tableName: 'dosar_server_migrations',
  source: {
    getMigrations: async () => MIGRATIONS,
    getMigrationName: (m) => (m as [string, Knex.Migration])[0],
    getMigration: async (m) => (m as [string, Knex.Migration])[1],
  },
};

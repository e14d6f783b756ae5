import type { Knex } from 'knex';

/**
 * The application around the engine: people and their access, procedure packages (forms,
 * templates, catalogue data) beside each deployed definition, the registry and citizen requests.
 */
const STATEMENTS = [
  `create table departments (
    code text primary key,
    name_ro text not null,
    name_en text not null
  )`,
  `create table users (
    id uuid primary key,
    email text not null unique,
    name text not null,
    role text not null check (role in ('citizen', 'clerk', 'analyst', 'admin')),
    password_hash text,
    lang text not null default 'ro' check (lang in ('ro', 'en')),
    created_at timestamptz not null
  )`,
  `create table user_departments (
    user_id uuid not null references users (id) on delete cascade,
    department text not null references departments (code),
    primary key (user_id, department)
  )`,
  `create table sessions (
    id_hash text primary key,
    user_id uuid not null references users (id) on delete cascade,
    csrf text not null,
    created_at timestamptz not null,
    expires_at timestamptz not null
  )`,
  `create index sessions_expires on sessions (expires_at)`,
  `create table api_tokens (
    token_hash text primary key,
    user_id uuid not null references users (id) on delete cascade,
    created_at timestamptz not null,
    last_used_at timestamptz
  )`,
  `create table procedure_packages (
    definition_id uuid primary key,
    key text not null,
    version integer not null,
    meta jsonb not null,
    forms jsonb not null,
    templates jsonb not null,
    deployed_by text,
    deployed_at timestamptz not null,
    unique (key, version)
  )`,
  `create table registers (
    register text not null,
    year integer not null,
    last_number integer not null,
    primary key (register, year)
  )`,
  `create table requests (
    id uuid primary key,
    instance_id uuid not null unique,
    procedure_key text not null,
    definition_id uuid not null,
    citizen_id uuid references users (id),
    register text not null,
    reg_year integer not null,
    reg_number integer not null,
    registration_number text not null,
    secret_hash text not null,
    idempotency_key text,
    data jsonb not null,
    lang text not null default 'ro',
    submitted_at timestamptz not null,
    unique (register, reg_year, reg_number),
    unique (citizen_id, idempotency_key)
  )`,
  `create index requests_citizen on requests (citizen_id, submitted_at desc)`,
  `create index requests_number on requests (registration_number)`,
  `create table completion_requests (
    id uuid primary key,
    request_id uuid not null references requests (id),
    message text not null,
    requested_by uuid references users (id),
    requested_at timestamptz not null,
    answered_at timestamptz,
    answer jsonb
  )`,
  `create index completion_requests_request on completion_requests (request_id)`,
  `create table documents (
    id uuid primary key,
    request_id uuid not null references requests (id),
    kind text not null,
    title text not null,
    register text not null,
    reg_year integer not null,
    reg_number integer not null,
    registration_number text not null,
    html text not null,
    pdf bytea,
    sha256 text not null,
    issued_at timestamptz not null,
    unique (register, reg_year, reg_number)
  )`,
  `create index documents_request on documents (request_id)`,
];

export async function up(knex: Knex): Promise<void> {
  // PGlite prepares each raw call: one statement per call.
  for (const statement of STATEMENTS) await knex.raw(statement);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table documents, completion_requests, requests, registers, procedure_packages, api_tokens, sessions, user_departments, users, departments');
}

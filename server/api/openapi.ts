import { readFileSync } from 'node:fs';

/** The API description, served at /api/v1/openapi.json; kept beside the routes it documents. */
export const openapi: unknown = JSON.parse(readFileSync(new URL('./openapi.json', import.meta.url), 'utf8'));

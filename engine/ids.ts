const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Instances, tasks, requests and documents are named by UUIDs; anything else names nothing and must not reach SQL. */
export function isUuid(id: unknown): id is string {
  return typeof id === 'string' && UUID.test(id);
}

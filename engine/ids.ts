const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Instances, tasks, requests and documents are named by UUIDs; anything else names nothing and must not reach SQL. */
export function isUuid(id: unknown): id is string {
  return typeof id === 'string' && UUID.test(id);
}

const XML_NAME = /^[A-Za-z_][\w.-]{0,254}$/;

/** Procedures and decisions are named by their XML ids (a letter or _, then letters, digits, _ . -). */
export function isXmlName(key: unknown): key is string {
  return typeof key === 'string' && XML_NAME.test(key);
}

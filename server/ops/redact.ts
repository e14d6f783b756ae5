/**
 * Personal data out of log lines: a log outlives the request it describes and is read by people who
 * may not see the file itself. Error messages and stacks carry what users typed (a CNP in a form
 * field, an email in "mail to … failed"), so every message passes through here before it is written.
 */

/**
 * A Romanian personal numeric code: sex/century digit 1-9, birth date YYMMDD with a real month and
 * day, then six digits (county, serial, check digit). Not part of a longer run of digits, so order
 * and registration numbers are left alone. The check digit is not verified: a mistyped CNP is still
 * someone's.
 */
const CNP = /(?<!\d)[1-9]\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{6}(?!\d)/g;

/** An email address; the domain stays (it tells which mail provider refused), the mailbox goes. */
const EMAIL = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,})/g;

export function redact(message: string): string {
  return message.replace(CNP, '[cnp]').replace(EMAIL, '***@$1');
}

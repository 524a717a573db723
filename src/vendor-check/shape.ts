// What the vendor check may keep of an answer: its shape (keys and types, never values) for the
// report, and an anonymised copy for the transcript (every value replaced by its form, except a
// few protocol members whose values ARE the dialect, such as an envelope's `code`).

/** Deeper than this, a shape says `…`: an answer's outline is in its first levels. */
const MAX_DEPTH = 5;
/** Members of one object described at most. */
const MAX_KEYS = 25;

/** A key that could itself be a personal value (an object keyed by email or phone). */
const PERSONAL_KEY = /@|\d{5,}/;

function safeKey(key: string): string {
  return PERSONAL_KEY.test(key) ? maskText(key) : key;
}

/**
 * The shape of a JSON value as keys and types: `{code: number, data: {list: array<{…}>}}`.
 * Never a value, so it may be printed and logged.
 */
export function describeShape(value: unknown, depth = 0): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    if (value.length === 0) return 'array(empty)';
    if (depth >= MAX_DEPTH) return 'array<…>';
    const items = [...new Set(value.slice(0, 5).map((item) => describeShape(item, depth + 1)))];
    return `array<${items.join(' | ')}>`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    if (depth >= MAX_DEPTH) return '{…}';
    const members = entries.slice(0, MAX_KEYS).map(([key, v]) => `${safeKey(key)}: ${describeShape(v, depth + 1)}`);
    if (entries.length > MAX_KEYS) members.push(`… ${entries.length - MAX_KEYS} more`);
    return `{${members.join(', ')}}`;
  }
  return typeof value;
}

/**
 * Text replaced by its form: letters become x/X, digits 9, other characters stay. A date keeps
 * its format (`9999-99-99 99:99:99`), an email its outline (`xxxxx@xxxxxxx.xx`), a name
 * nothing but its length.
 */
function maskText(text: string): string {
  return text.replace(/\p{L}|\p{N}/gu, (c) => (/\p{N}/u.test(c) ? '9' : /\p{Lu}/u.test(c) ? 'X' : 'x'));
}

/** Members whose values are protocol (codes, paging, field names), kept as they are. */
const PROTOCOL_KEYS = new Set([
  'code',
  'total',
  'page',
  'page_size',
  'expire_time',
  'field_name',
  'field_type',
  'display_type',
  'number_of_results',
  'offset',
  'fields_set',
]);
/** Members that carry the vendor's own words: kept, with secrets and anything personal-looking masked. */
const MESSAGE_KEYS = new Set(['msg', 'message', 'description', 'error']);
const EMAIL_LIKE = /[^\s@]+@[^\s@]+/g;
const DIGIT_RUN = /\d[\d\s\-().]{3,}\d/g;

/** Secrets replaced by this, wherever they occur in text that is kept. */
const SECRET_MARK = '[SECRET]';

/** A vendor's message as the transcript keeps it: its words, never a secret, an email or a number. */
export function scrubMessage(text: string, secrets: readonly string[]): string {
  let safe = text;
  for (const secret of secrets) if (secret.length >= 4) safe = safe.split(secret).join(SECRET_MARK);
  return safe.replace(EMAIL_LIKE, (email) => maskText(email)).replace(DIGIT_RUN, (digits) => maskText(digits));
}

/**
 * A JSON value with every value replaced by its form (see maskText; numbers keep their type,
 * their digits become 9), except protocol members and vendor messages (scrubbed). The result
 * has the answer's shape and can seed a simulator dialect.
 */
export function anonymise(value: unknown, secrets: readonly string[], key?: string): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((item) => anonymise(item, secrets));
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [safeKey(k), anonymise(v, secrets, k)]),
    );
  }
  const keep = key !== undefined && PROTOCOL_KEYS.has(key);
  if (typeof value === 'number') {
    if (keep) return value;
    const masked = Number(maskText(String(value)));
    return Number.isFinite(masked) ? masked : 0;
  }
  if (typeof value === 'string') {
    if (secrets.includes(value)) return SECRET_MARK;
    if (key !== undefined && MESSAGE_KEYS.has(key)) return scrubMessage(value, secrets);
    // A protocol value is kept unless it holds a secret (a vendor could echo one anywhere).
    return keep && scrubMessage(value, secrets) === value ? value : maskText(value);
  }
  return null;
}

// Which calendar day a date argument means, and which day is "today" in a given zone.
import { BadUserInputError } from '../../errors.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const formats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) at `epochMs` in `timeZone`. */
export function isoDateIn(timeZone: string, epochMs: number): string {
  let format = formats.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(timeZone, format);
  }
  return format.format(epochMs);
}

/**
 * A `Date` argument as YYYY-MM-DD. The Date scalar hands resolvers a JS Date at UTC midnight;
 * a plain string is checked here too, so nothing malformed reaches Zen.
 */
export function parseDateArgument(value: unknown, field = 'date'): string {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value === 'string') {
    const match = ISO_DATE.exec(value);
    if (match) {
      const [, year, month, day] = match.map(Number) as [number, number, number, number];
      const date = new Date(Date.UTC(year, month - 1, day));
      if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) {
        return value;
      }
    }
  }
  throw new BadUserInputError(`${field} must be a calendar date written YYYY-MM-DD`, field);
}

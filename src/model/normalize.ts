// Phone and email normalisation, so the same person matches across vendors.
import { getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { BadUserInputError } from '../errors.js';

/** A valid phone number as libphonenumber-js reads it. */
export interface ValidPhoneNumber {
  /** E.164. */
  readonly number: string;
  readonly country: CountryCode | undefined;
  readonly nationalNumber: string;
}

/** Distinct (text, region) readings kept; a few MB at most. */
export const PHONE_CACHE_SIZE = 10_000;
/** Longer texts are no phone numbers anyone types twice: read, never kept. */
const LONGEST_CACHED_TEXT = 64;

// libphonenumber-js reads a number from scratch every time (metadata walks and regular
// expressions: a good part of mapping a lead), while the same few numbers come back in every
// vendor answer and every search. So each distinct text is read once per region, in a bounded
// LRU cache (`false`: not a valid number).
const readings = new LRUCache<string, ValidPhoneNumber | false>({ max: PHONE_CACHE_SIZE });

/** `text` as a valid phone number (national numbers read in `region`), or null. */
export function readPhoneNumber(text: string, region?: CountryCode): ValidPhoneNumber | null {
  if (text.length > LONGEST_CACHED_TEXT) return readUncached(text, region);
  const key = `${region ?? '+'}:${text}`;
  let reading = readings.get(key);
  if (reading === undefined) {
    reading = readUncached(text, region) ?? false;
    readings.set(key, reading);
  }
  return reading || null;
}

function readUncached(text: string, region: CountryCode | undefined): ValidPhoneNumber | null {
  const parsed = parsePhoneNumberFromString(text, region);
  if (!parsed?.isValid()) return null;
  return Object.freeze({ number: parsed.number, country: parsed.country, nationalNumber: parsed.nationalNumber });
}

export interface PhoneReading {
  /** Region for numbers written without a country code. */
  defaultRegion: CountryCode;
  /**
   * The vendor stores international numbers as bare digits without `+` (LeanCore's `573136434030`):
   * read such digits as international first.
   */
  bareDigitsAreInternational?: boolean;
}

/** A vendor's phone as E.164, or null when it is not a valid number. */
export function normalizePhone(raw: string | null | undefined, reading: PhoneReading): string | null {
  const text = raw?.trim();
  if (!text) return null;
  if (reading.bareDigitsAreInternational && /^\d{8,15}$/.test(text)) {
    const international = readPhoneNumber(`+${text}`);
    if (international) return international.number;
  }
  // "0057 301…" in Colombia is +57 301… as people write it, though 005 is also a carrier's
  // international prefix there (which would read it as +7 301…): the region's own code wins.
  if (text.startsWith(`00${getCountryCallingCode(reading.defaultRegion)}`)) {
    const own = readPhoneNumber(`+${text.slice(2)}`);
    if (own) return own.number;
  }
  const national = readPhoneNumber(text, reading.defaultRegion);
  if (national) return national.number;
  // "00" is the international prefix in most of the world but not in every default region
  // (Colombia dials 009…): read "0057…" as "+57…" when the region reading fails.
  if (text.startsWith('00')) return readPhoneNumber(`+${text.slice(2)}`)?.number ?? null;
  return null;
}

/** Longest phone a client may send: E.164's 15 digits with room for spaces, dashes and an extension. */
export const MAX_PHONE_LENGTH = 32;
/** Longest email address: RFC 5321's limit on a path (254 characters once the brackets are off). */
export const MAX_EMAIL_LENGTH = 254;

/** A client's phone as E.164; anything that is not a valid number is the client's error. */
export function parsePhoneInput(raw: string, defaultRegion: CountryCode, field = 'phone'): string {
  if (raw.length > MAX_PHONE_LENGTH) {
    throw new BadUserInputError(`${field} is longer than ${MAX_PHONE_LENGTH} characters`, field);
  }
  const phone = normalizePhone(raw, { defaultRegion });
  if (!phone) {
    throw new BadUserInputError(
      `"${raw.slice(0, 40)}" is not a valid phone number (national numbers are read in region ${defaultRegion})`,
      field,
    );
  }
  return phone;
}

export function normalizeEmail(raw: string | null | undefined): string | null {
  const email = raw?.trim().toLowerCase();
  return email ? email : null;
}

const emailShape = z.email();

export function parseEmailInput(raw: string, field = 'email'): string {
  if (raw.length > MAX_EMAIL_LENGTH) {
    throw new BadUserInputError(`${field} is longer than ${MAX_EMAIL_LENGTH} characters`, field);
  }
  const email = normalizeEmail(raw);
  if (!email || !emailShape.safeParse(email).success) {
    throw new BadUserInputError(`"${raw.slice(0, 80)}" is not a valid email address`, field);
  }
  return email;
}

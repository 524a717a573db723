// Phone and email normalisation, so the same person matches across vendors.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { z } from 'zod';
import { BadUserInputError } from '../errors.js';

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
    const international = parsePhoneNumberFromString(`+${text}`);
    if (international?.isValid()) return international.number;
  }
  const parsed = parsePhoneNumberFromString(text, reading.defaultRegion);
  if (parsed?.isValid()) return parsed.number;
  // "00" is the international prefix in most of the world but not in every default region
  // (Colombia dials 009…): read "0057…" as "+57…" when the region reading fails.
  if (text.startsWith('00')) {
    const international = parsePhoneNumberFromString(`+${text.slice(2)}`);
    if (international?.isValid()) return international.number;
  }
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

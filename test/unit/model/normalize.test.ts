import { describe, expect, it } from 'vitest';
import {
  normalizeEmail,
  normalizePhone,
  parseEmailInput,
  parsePhoneInput,
  PHONE_CACHE_SIZE,
  readPhoneNumber,
} from '../../../src/model/normalize.js';
import { BadUserInputError } from '../../../src/errors.js';

describe('normalizePhone', () => {
  it.each([
    ['313 643 4030', 'CO', '+573136434030'],
    ['(+57) 313-6434030', 'CO', '+573136434030'],
    ['0057 313 643 4030', 'CO', '+573136434030'],
    ['0057 301 267 6758', 'CO', '+573012676758'], // not +7 301… through carrier 005
    ['18610813532', 'CN', '+8618610813532'],
    ['+8618610813532', 'CO', '+8618610813532'],
  ] as const)('reads %j in region %s as %s', (raw, region, e164) => {
    expect(normalizePhone(raw, { defaultRegion: region })).toBe(e164);
  });

  it('reads bare digits as international when the vendor stores them so', () => {
    expect(normalizePhone('525512345678', { defaultRegion: 'CO', bareDigitsAreInternational: true })).toBe(
      '+525512345678',
    );
    // The same digits read nationally are not a Colombian number.
    expect(normalizePhone('525512345678', { defaultRegion: 'CO' })).toBeNull();
  });

  it.each([null, undefined, '', '  ', '123', 'call me'])('gives null for %j', (raw) => {
    expect(normalizePhone(raw, { defaultRegion: 'CO' })).toBeNull();
  });
});

describe('readPhoneNumber (each distinct text read once, in a bounded cache)', () => {
  it('reads a text once per region: the same text in another region is another number', () => {
    const colombian = readPhoneNumber('3136434030', 'CO');
    expect(colombian).toEqual({ number: '+573136434030', country: 'CO', nationalNumber: '3136434030' });
    expect(readPhoneNumber('3136434030', 'CO')).toBe(colombian); // the kept reading, not a new one
    expect(readPhoneNumber('3136434030', 'US')?.number).toBe('+13136434030');
    expect(readPhoneNumber('+573136434030')?.country).toBe('CO');
    expect(readPhoneNumber('3136434030')).toBeNull(); // no region, no country code
    expect(readPhoneNumber('555', 'CO')).toBeNull();
    expect(readPhoneNumber('555', 'CO')).toBeNull(); // an invalid reading is kept as invalid
  });

  it(`keeps at most ${PHONE_CACHE_SIZE} readings: the least recently used one is read again`, () => {
    const first = readPhoneNumber('300 123 4567', 'CO');
    expect(readPhoneNumber('300 123 4567', 'CO')).toBe(first);
    for (let i = 0; i < PHONE_CACHE_SIZE; i++) readPhoneNumber(`310${String(i).padStart(7, '0')}`, 'CO');
    const again = readPhoneNumber('300 123 4567', 'CO');
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it('reads but does not keep texts longer than any phone number', () => {
    const long = `+57 313 643 4030${' '.repeat(60)}`;
    const reading = readPhoneNumber(long);
    expect(reading?.number).toBe('+573136434030');
    expect(readPhoneNumber(long)).not.toBe(reading);
  });
});

describe('input parsing', () => {
  it('returns E.164 for a valid phone and a field-named BAD_USER_INPUT otherwise', () => {
    expect(parsePhoneInput('3136434030', 'CO')).toBe('+573136434030');
    expect(() => parsePhoneInput('555', 'CO')).toThrow(BadUserInputError);
  });

  it('lower-cases emails and rejects what is not one', () => {
    expect(normalizeEmail('  Valentina.Rios@Example.CO ')).toBe('valentina.rios@example.co');
    expect(parseEmailInput('Valentina.Rios@Example.co')).toBe('valentina.rios@example.co');
    const error = (() => {
      try {
        parseEmailInput('not-an-email');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(BadUserInputError);
    expect((error as BadUserInputError).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'email' });
  });
});

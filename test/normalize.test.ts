import { describe, expect, it } from 'vitest';
import { normalizeEmail, normalizePhone, parseEmailInput, parsePhoneInput } from '../src/model/normalize.js';
import { BadUserInputError } from '../src/errors.js';

describe('normalizePhone', () => {
  it.each([
    ['313 643 4030', 'CO', '+573136434030'],
    ['(+57) 313-6434030', 'CO', '+573136434030'],
    ['0057 313 643 4030', 'CO', '+573136434030'],
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

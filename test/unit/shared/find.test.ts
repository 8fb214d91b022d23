import { describe, expect, it } from 'vitest';
import { bareMessageId, MessageIdInput } from '../../../shared/find';

describe('MessageIdInput', () => {
  it('takes an id with or without angle brackets and spaces around it', () => {
    expect(MessageIdInput.parse('<1234@contoso.com>')).toBe('1234@contoso.com');
    expect(MessageIdInput.parse('  1234@contoso.com \n')).toBe('1234@contoso.com');
    expect(MessageIdInput.parse('< 1234@contoso.com >')).toBe('1234@contoso.com');
  });

  it('refuses what is not one id, saying what is expected', () => {
    for (const input of ['', '<>', 'no-at-sign', 'two@ids.com three@ids.com', '<a@b> <c@d>']) {
      const result = MessageIdInput.safeParse(input);
      expect(result.success, input).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/^Message-ID: /);
    }
  });
});

describe('bareMessageId', () => {
  it('gives the id a source reports without its brackets, or null', () => {
    expect(bareMessageId('<a@b>')).toBe('a@b');
    expect(bareMessageId('a@b')).toBe('a@b');
    expect(bareMessageId(null)).toBeNull();
    expect(bareMessageId('<>')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { smsKeyword } from '../../../worker/src/domain/sms-keywords';

describe('smsKeyword', () => {
  it('knows Twilio’s default opt-out, opt-in and help keywords', () => {
    for (const word of ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT']) expect(smsKeyword(word)).toBe('stop');
    for (const word of ['START', 'YES', 'UNSTOP']) expect(smsKeyword(word)).toBe('start');
    for (const word of ['HELP', 'INFO']) expect(smsKeyword(word)).toBe('help');
  });

  it('ignores case and the whitespace around the word', () => {
    expect(smsKeyword('stop')).toBe('stop');
    expect(smsKeyword('  Stop \n')).toBe('stop');
    expect(smsKeyword('\tunStop')).toBe('start');
    expect(smsKeyword('Help ')).toBe('help');
  });

  it('matches the whole message only, as Twilio does ("STOP PLEASE" stops nothing)', () => {
    expect(smsKeyword('STOP PLEASE')).toBeNull();
    expect(smsKeyword('please stop')).toBeNull();
    expect(smsKeyword('OPT OUT')).toBeNull();
    expect(smsKeyword('stop.')).toBeNull();
    expect(smsKeyword('STOPP')).toBeNull();
    expect(smsKeyword('yes I will be there')).toBeNull();
    expect(smsKeyword('')).toBeNull();
  });

  it('counts ASCII letters only', () => {
    expect(smsKeyword('ſtop')).toBeNull(); // upper-cases to STOP in JavaScript
    expect(smsKeyword('ＳＴＯＰ')).toBeNull();
  });
});

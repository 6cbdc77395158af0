import { describe, expect, it } from 'vitest';
import { parseInboundSms, parseStatusCallback, twilioErrorReason, twiml } from '../../../../worker/src/notify/twilio/twilio-callbacks';

const SID = 'SM1f2e3d4c5b6a79880f1e2d3c4b5a6978';
const ACCOUNT = 'AC0123456789abcdef0123456789abcdef';

/** A status callback as Twilio posts it (track-outbound-message-status). */
function callback(status: string, extra: Record<string, string> = {}): URLSearchParams {
  return new URLSearchParams({
    SmsSid: SID,
    SmsStatus: status,
    MessageStatus: status,
    To: '+447400123456',
    MessageSid: SID,
    AccountSid: ACCOUNT,
    From: 'Parley',
    ApiVersion: '2010-04-01',
    ...extra,
  });
}

describe('parseStatusCallback', () => {
  it('maps every outbound MessageStatus to the outbox’s status', () => {
    const cases: Array<[string, string]> = [
      ['accepted', 'queued'],
      ['scheduled', 'queued'],
      ['queued', 'queued'],
      ['sending', 'sent'],
      ['sent', 'sent'],
      ['delivered', 'delivered'],
      ['read', 'delivered'],
      ['undelivered', 'failed'],
      ['failed', 'failed'],
      ['canceled', 'failed'],
    ];
    for (const [twilio, outbox] of cases) expect(parseStatusCallback(callback(twilio), 'out_1'), twilio).toMatchObject({ status: outbox });
  });

  it('reports a delivery with the sender and the outbox row, and no reason', () => {
    expect(parseStatusCallback(callback('delivered', { RawDlrDoneDate: '2605011230' }), 'out_1')).toEqual({
      providerId: SID,
      outboxId: 'out_1',
      status: 'delivered',
      reason: null,
      code: null,
      sender: 'Parley',
      blockAddress: null,
    });
  });

  it('words an error code for the agent, with the code', () => {
    expect(parseStatusCallback(callback('undelivered', { ErrorCode: '30003' }), null)).toMatchObject({
      status: 'failed',
      reason: 'Unreachable destination handset (Twilio 30003)',
      code: '30003',
      blockAddress: null,
    });
    expect(parseStatusCallback(callback('failed', { ErrorCode: '30007' }), null)).toMatchObject({ reason: 'Filtered by the carrier as spam (Twilio 30007)' });
    expect(parseStatusCallback(callback('undelivered', { ErrorCode: '39999' }), null)).toMatchObject({ reason: 'Twilio error 39999', code: '39999' });
  });

  it('marks numbers that will never take an SMS, and the recipient’s STOP', () => {
    expect(parseStatusCallback(callback('undelivered', { ErrorCode: '30005' }), null)).toMatchObject({ status: 'failed', blockAddress: 'bounced' });
    expect(parseStatusCallback(callback('failed', { ErrorCode: '21614' }), null)).toMatchObject({ status: 'failed', blockAddress: 'bounced' });
    expect(parseStatusCallback(callback('failed', { ErrorCode: '21610' }), null)).toMatchObject({
      status: 'opted_out',
      code: '21610',
      reason: 'The recipient replied STOP and receives no more messages from this sender (Twilio 21610)',
      blockAddress: 'complained',
    });
  });

  it('gives a reason even when Twilio gives no code, and ignores an ErrorCode on a success', () => {
    expect(parseStatusCallback(callback('undelivered'), null)).toMatchObject({ reason: 'Not delivered (Twilio gave no reason)', code: null });
    expect(parseStatusCallback(callback('canceled'), null)).toMatchObject({ reason: 'Canceled before it was sent' });
    expect(parseStatusCallback(callback('failed', { ErrorCode: '0' }), null)).toMatchObject({ code: null, reason: 'Twilio could not send it (no reason given)' });
    expect(parseStatusCallback(callback('sent', { ErrorCode: '30003' }), null)).toMatchObject({ status: 'sent', reason: null, code: null });
  });

  it('reads the older SmsSid / SmsStatus names when the new ones are absent, and a missing From as null', () => {
    const params = new URLSearchParams({ SmsSid: SID, SmsStatus: 'sent' });
    expect(parseStatusCallback(params, null)).toMatchObject({ providerId: SID, status: 'sent', sender: null });
  });

  it('names what is missing or wrong', () => {
    const noSid = callback('sent');
    noSid.delete('MessageSid');
    noSid.delete('SmsSid');
    expect(parseStatusCallback(noSid, null)).toBe('the status callback has no MessageSid');
    const noStatus = callback('sent');
    noStatus.delete('MessageStatus');
    noStatus.delete('SmsStatus');
    expect(parseStatusCallback(noStatus, null)).toBe('the status callback has no MessageStatus');
    expect(parseStatusCallback(callback('received'), null)).toBe('the status callback has MessageStatus "received", which is not the status of an outbound message');
  });
});

describe('twilioErrorReason', () => {
  it('words the common codes and numbers the rest', () => {
    expect(twilioErrorReason('21211')).toBe('Not a valid phone number (Twilio 21211)');
    expect(twilioErrorReason('30034')).toBe('The US sender number is not registered for A2P 10DLC (Twilio 30034)');
    expect(twilioErrorReason('12345')).toBe('Twilio error 12345');
  });
});

describe('parseInboundSms', () => {
  /** An inbound message webhook as Twilio posts it (webhook-request). */
  const inbound = (extra: Record<string, string> = {}) =>
    new URLSearchParams({
      ToCountry: 'GB',
      ToState: '',
      SmsMessageSid: SID,
      NumMedia: '0',
      ToCity: '',
      FromZip: '',
      SmsSid: SID,
      FromState: '',
      SmsStatus: 'received',
      FromCity: '',
      Body: ' STOP ',
      FromCountry: 'GB',
      To: '+447400000001',
      ToZip: '',
      NumSegments: '1',
      MessageSid: SID,
      AccountSid: ACCOUNT,
      From: '+447400123456',
      ApiVersion: '2010-04-01',
      ...extra,
    });

  it('reads who sent what to which number', () => {
    expect(parseInboundSms(inbound())).toEqual({ accountSid: ACCOUNT, messageSid: SID, from: '+447400123456', to: '+447400000001', body: ' STOP ', media: 0 });
    expect(parseInboundSms(inbound({ Body: '', NumMedia: '2', MediaUrl0: 'https://api.twilio.com/x', MediaUrl1: 'https://api.twilio.com/y' }))).toMatchObject({ body: '', media: 2 });
  });

  it('names what is missing or wrong', () => {
    for (const name of ['AccountSid', 'From', 'To', 'Body']) {
      const params = inbound();
      params.delete(name);
      expect(parseInboundSms(params)).toBe(`the inbound message has no ${name}`);
    }
    const noSid = inbound();
    for (const name of ['MessageSid', 'SmsMessageSid', 'SmsSid']) noSid.delete(name);
    expect(parseInboundSms(noSid)).toBe('the inbound message has no MessageSid');
    expect(parseInboundSms(inbound({ NumMedia: 'many' }))).toBe('the inbound message has NumMedia "many", which is not a count');
  });
});

describe('twiml', () => {
  it('answers nothing with an empty Response', () => {
    expect(twiml(null)).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });

  it('answers one message, escaped', () => {
    expect(twiml('You will get no more messages. Reply START to resume.')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>You will get no more messages. Reply START to resume.</Message></Response>',
    );
    expect(twiml(`<b>Tom & "Jerry's"</b>`)).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Message>&lt;b&gt;Tom &amp; &quot;Jerry&apos;s&quot;&lt;/b&gt;</Message></Response>');
  });

  it('drops characters XML cannot carry, keeps line breaks and non-ASCII', () => {
    expect(twiml('a\u0000b\u001Fc\nd é ✓')).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Message>abc\nd é ✓</Message></Response>');
  });
});

// How a message's status may move, and how long a retry waits (domain/delivery.ts).
import { describe, expect, it } from 'vitest';
import { nextDeliveryStatus, retryDelaySeconds } from '../../../worker/src/domain/delivery';

describe('nextDeliveryStatus', () => {
  it('moves forward through the provider’s statuses and never back', () => {
    expect(nextDeliveryStatus('queued', 'sent')).toBe('sent');
    expect(nextDeliveryStatus('sent', 'delivered')).toBe('delivered');
    // Callbacks out of order, or twice.
    expect(nextDeliveryStatus('delivered', 'sent')).toBeNull();
    expect(nextDeliveryStatus('sent', 'queued')).toBeNull();
    expect(nextDeliveryStatus('delivered', 'delivered')).toBeNull();
  });

  it('keeps a final status, except that a delivered email whose reader complains is opted out', () => {
    expect(nextDeliveryStatus('failed', 'delivered')).toBeNull();
    expect(nextDeliveryStatus('opted_out', 'sent')).toBeNull();
    expect(nextDeliveryStatus('expired', 'retrying')).toBeNull();
    expect(nextDeliveryStatus('delivered', 'failed')).toBeNull();
    expect(nextDeliveryStatus('delivered', 'opted_out')).toBe('opted_out');
  });

  it('takes whatever the provider says over the outbox’s own status between tries', () => {
    expect(nextDeliveryStatus('unknown', 'queued')).toBe('queued');
    expect(nextDeliveryStatus('retrying', 'queued')).toBe('queued');
    expect(nextDeliveryStatus('sending', 'sent')).toBe('sent');
    expect(nextDeliveryStatus('held', 'failed')).toBe('failed');
    expect(nextDeliveryStatus('retrying', 'unknown')).toBe('unknown');
    // Once the provider spoke, the outbox's own words do not undo it.
    expect(nextDeliveryStatus('queued', 'held')).toBe('held');
    expect(nextDeliveryStatus('sent', 'retrying')).toBeNull();
  });
});

describe('retryDelaySeconds', () => {
  it('backs off 10 s, 30 s, 1 min, 5 min, 15 min, 30 min, then hourly', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((attempt) => retryDelaySeconds(attempt, null))).toEqual([10, 30, 60, 300, 900, 1800, 3600, 3600, 3600]);
  });

  it('never retries sooner than the provider asked, nor later than a queue may wait', () => {
    expect(retryDelaySeconds(1, 120)).toBe(120);
    expect(retryDelaySeconds(4, 2)).toBe(300);
    expect(retryDelaySeconds(1, 24 * 3600)).toBe(12 * 3600);
  });
});

// The apps' words without the card: each app's lines under its item (a
// document request's documents, a payment's amount in its currency's own
// unit with Stripe's word, a review's page and marks, a workflow's
// progress), and a workflow's steps kept out of the top level and listed
// under it in order. Items are the recorded session's, changed where a case
// needs a state the recording does not hold.
import { describe, expect, it } from 'vitest';
import type { ItemView } from '@parley/hubspot-shared/parley-types';
import { appLines, money, stepLine, stepsOf, topLevelItems } from '../src/app/cards/app-presentation';
import { recorded } from './support/recorded';

const WORKFLOW = 'itm_xy81vY44y7VXDSvp';
const PASSPORT_STEP = 'itm_pAwp5I1tw06OQdsC';
const FEE_STEP = 'itm_g7e8X8fYM8SraZHV';
const ID_REQUEST = 'itm_xnhLTuQWuRSo0C0J';
const DEPOSIT = 'itm_xHCP0gag4H31YVOU';
const REVIEW = 'itm_vBIY1zK5K41lzU3w';
const ADHOC = 'itm_QeVMfdMGomc3h5G5';

const items = (): ItemView[] => recorded('getSessionWithApps').items;

/** The recorded item, with its app summary changed as a case needs. */
function item(id: string, app: Record<string, unknown> = {}, change: Partial<ItemView> = {}): ItemView {
  const found = items().find((i) => i.id === id)!;
  return { ...found, ...change, app: found.app && ({ ...found.app, ...app } as ItemView['app']) };
}

describe('money', () => {
  it("writes an amount in minor units in its currency's own unit, from Stripe's lower-case code", () => {
    expect(money(12_500, 'usd')).toBe('$125.00');
    expect(money(500, 'jpy')).toBe('¥500');
    expect(money(12_340, 'kwd')).toBe('KWD\u00a012.340'); // Intl puts a no-break space after a code
  });
});

describe("a document request's lines", () => {
  it("name each document by its category, with its status and the reason it was sent back", () => {
    expect(appLines(item(ID_REQUEST))).toEqual(['ID card (front): Accepted', 'ID card (back): Rejected, asked again (The photo is blurred)']);
  });

  it("name an 'other' document by the agent's own label", () => {
    const slot = { id: 'slt_1', category: 'other', label: 'Payslip', required: false, status: 'submitted', reason: null, fileType: 'application/pdf' };
    expect(appLines(item(ID_REQUEST, { slots: [slot] }))).toEqual(['Payslip: To review']);
  });
});

describe("a payment's lines", () => {
  it("say the amount, Stripe's state, the card that paid and what was refunded", () => {
    expect(appLines(item(DEPOSIT))).toEqual(['$125.00: Partly refunded · visa ending 4242 · $25.00 refunded']);
  });

  it('say no card and no refund before it is paid', () => {
    expect(appLines(item(FEE_STEP))).toEqual(['$25.00: Requested']);
  });

  it("add Stripe's reason when the last try failed", () => {
    const failed = item(FEE_STEP, { state: 'failed', failureMessage: 'Your card was declined.' });
    expect(appLines(failed)).toEqual(['$25.00: Failed, can be tried again', 'Last try: Your card was declined.']);
  });

  it('write a zero-decimal currency in whole units', () => {
    expect(appLines(item(FEE_STEP, { amount: 3000, currency: 'jpy', state: 'refunded', amountRefunded: 3000 }))).toEqual(['¥3,000: Refunded · ¥3,000 refunded']);
  });
});

describe("a shared review's line", () => {
  it('says the page, who leads and the marks', () => {
    expect(appLines(item(REVIEW))).toEqual(['Page 1 of 3 · you lead · 0 marks']);
    expect(appLines(item(REVIEW, { page: 2, leader: 'participant:par_Gu4rAntor9Xy2Lm', annotations: 1 }))).toEqual(['Page 2 of 3 · the customer leads · 1 mark']);
    expect(appLines(item(REVIEW, { leader: null }))).toEqual(['Page 1 of 3 · nobody leads yet · 0 marks']);
  });

  it('says when it ended rather than a page', () => {
    expect(appLines(item(REVIEW, { endedAt: '2026-12-03T23:50:00.000Z', annotations: 4 }))).toEqual(['Ended 3 Dec, 23:50 UTC · 3 pages · 4 marks']);
  });
});

describe("a workflow's line and its steps", () => {
  it('says the step to do now, or how many are done once none is left', () => {
    expect(appLines(item(WORKFLOW))).toEqual(['Step 1 of 2 · 0 done']);
    expect(appLines(item(WORKFLOW, { done: 2, current: null }))).toEqual(['2 of 2 steps done']);
  });

  it('has no lines for an item that is not an app', () => {
    expect(appLines(item(ADHOC))).toEqual([]);
  });

  it('keeps the steps out of the top level, and lists them under their workflow by position', () => {
    const all = items();
    expect(topLevelItems(all).map((i) => i.id)).toEqual([WORKFLOW, ID_REQUEST, DEPOSIT, ADHOC, REVIEW]);
    expect(stepsOf([...all].reverse(), WORKFLOW).map((i) => i.id)).toEqual([PASSPORT_STEP, FEE_STEP]);
    expect(stepsOf(all, DEPOSIT)).toEqual([]);
  });

  it("writes a step's place, kind and status; one not reached yet says so rather than Draft", () => {
    expect(stepLine(item(PASSPORT_STEP), 2)).toBe('✎ Step 1 of 2: Documents to send (Document request): Sent');
    expect(stepLine(item(FEE_STEP), 2)).toBe('✎ Step 2 of 2: Arrangement fee (Payment), optional: Not reached yet');
    expect(stepLine(item(FEE_STEP, {}, { status: 'completed' }), 2)).toBe('✓ Step 2 of 2: Arrangement fee (Payment), optional: Completed');
    expect(stepLine(item(PASSPORT_STEP, {}, { status: 'declined', reason: 'No passport' }), 2)).toBe('✗ Step 1 of 2: Documents to send (Document request): Declined (No passport)');
  });
});

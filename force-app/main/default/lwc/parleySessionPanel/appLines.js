// What each app item carries beside its status (the Worker's `app` summary),
// in words for its bubble: a document request's documents, a payment's
// amount and Stripe's word, a shared review's page and marks, a workflow's
// progress; and a workflow's steps, which the panel lists under it. The
// words are Parley's (c/parleyCatalogue), as in its own pages.
import { ITEM_KIND_LABELS, ITEM_STATUS_LABELS, PAYMENT_STATE_LABELS, REQUEST_CATEGORY_LABELS, SLOT_STATUS_LABELS } from 'c/parleyCatalogue';

/** An amount in the currency's smallest unit, as people write it: "$125.00", "¥500". */
export function money(minor, currency) {
    const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: String(currency).toUpperCase() });
    return format.format(minor / 10 ** format.resolvedOptions().maximumFractionDigits);
}

function paymentLines(p) {
    const card = p.card ? ` · ${p.card.brand} ending ${p.card.last4}` : '';
    const refunded = p.amountRefunded > 0 ? ` · ${money(p.amountRefunded, p.currency)} refunded` : '';
    const lines = [`${money(p.amount, p.currency)}: ${PAYMENT_STATE_LABELS[p.state] || p.state}${card}${refunded}`];
    if (p.state === 'failed' && p.failureMessage) lines.push(`Last try: ${p.failureMessage}`);
    return lines;
}

function reviewLine(r) {
    const marks = `${r.annotations} ${r.annotations === 1 ? 'mark' : 'marks'}`;
    if (r.endedAt) return `Ended · ${r.pages} pages · ${marks}`;
    const leader = r.leader === null ? 'nobody leads yet' : r.leader === 'agent' ? 'the agent leads' : 'the customer leads';
    return `Page ${r.page} of ${r.pages} · ${leader} · ${marks}`;
}

/** The lines under an app item's own; none for an item that is not an app. */
export function appLines(item) {
    const app = item && item.app;
    if (!app) return [];
    switch (app.kind) {
        case 'document_request':
            return app.slots.map((s) => `${s.label || REQUEST_CATEGORY_LABELS[s.category] || s.category}: ${SLOT_STATUS_LABELS[s.status] || s.status}${s.reason ? ` (${s.reason})` : ''}`);
        case 'payment':
            return paymentLines(app);
        case 'shared_review':
            return [reviewLine(app)];
        case 'workflow':
            return [app.current !== null ? `Step ${app.current} of ${app.steps} · ${app.done} done` : `${app.done} of ${app.steps} steps done`];
        default:
            return [];
    }
}

/** A workflow's steps, in order, each as a row: "Step 2 of 2: Arrangement fee (Payment), optional", its status and app lines. */
export function stepRows(items, workflowId) {
    const steps = items.filter((i) => i.parentId === workflowId).sort((a, b) => (a.position || 0) - (b.position || 0));
    return steps.map((step) => ({
        id: step.id,
        status: step.status,
        title: `Step ${step.position} of ${steps.length}: ${step.name} (${ITEM_KIND_LABELS[step.kind] || step.kind})${step.optional ? ', optional' : ''}`,
        // A step not reached yet is a draft to Parley: the agent reads where it stands.
        statusLabel: step.status === 'draft' ? 'Not reached yet' : ITEM_STATUS_LABELS[step.status] || step.status,
        lines: appLines(step).map((text, i) => ({ key: `${step.id}-${i}`, text }))
    }));
}

// The `app` part of an item's view: what each app keeps beside the item's
// status, read from the app's own store. Items of other kinds (and app
// items created before their app existed) have none.
import type { AppSummary } from '../contract/apps';
import type { ItemRow } from './rows';
import { paymentSummary } from './payment-store';
import { requestSummary } from './request-store';
import { reviewSummary } from './review-store';
import { workflowSummary } from './workflow-store';

export function appSummaryOf(sql: SqlStorage, item: ItemRow): AppSummary | null {
  switch (item.kind) {
    case 'document_request':
      return requestSummary(sql, item.id);
    case 'payment':
      return paymentSummary(sql, item.id);
    case 'shared_review':
      return reviewSummary(sql, item.id);
    case 'workflow':
      return workflowSummary(sql, item);
    default:
      return null;
  }
}

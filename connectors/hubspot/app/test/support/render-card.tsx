// The card on a HubSpot record, rendered by HubSpot's test renderer: the
// record's type and id in the context, its properties (useCrmProperties) and
// associated contacts (useAssociations) as HubSpot would give them.
import { useState } from 'react';
import { Button } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { ParleyCard, type ParleyCardProps } from '../../src/app/cards/ParleyCard';

export interface CardRecord {
  objectTypeId?: string;
  objectId?: number;
  properties?: Record<string, string | null>;
  associations?: { toObjectId: number; properties: Record<string, string | null> }[];
}

const page = { hasNextPage: false, hasPreviousPage: false, currentPage: 1, pageSize: 20, nextPage: () => {}, previousPage: () => {}, reset: () => {} };

export function renderCard({ objectTypeId = '0-1', objectId = 51, properties = {}, associations = [] }: CardRecord = {}) {
  const renderer = createRenderer('crm.record.tab');
  renderer.mocks.context.crm = { ...renderer.mocks.context.crm, objectTypeId, objectId };
  renderer.mocks.useCrmProperties.willCall(() => ({ properties, isLoading: false, isRefetching: false, error: null, refetch: async () => {} }));
  renderer.mocks.useAssociations.willCall(() => ({
    results: associations.map((a) => ({ ...a, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 280, label: 'Primary' }] })),
    isLoading: false,
    isRefetching: false,
    error: null,
    pagination: page,
    refetch: async () => {},
  }));
  renderer.render(<Page context={renderer.mocks.context} actions={renderer.mocks.actions} />);
  return Object.assign(renderer, {
    /** The agent leaves the record: the card unmounts. */
    leave: () => renderer.findByTestId(Button, 'leave-record').trigger('onClick'),
  });
}

/** The record page: the card, until the agent leaves it. */
function Page(props: ParleyCardProps) {
  const [shown, setShown] = useState(true);
  return (
    <>
      {shown ? <ParleyCard {...props} /> : null}
      <Button testId="leave-record" onClick={() => setShown(false)}>
        Leave the record
      </Button>
    </>
  );
}

/** A HubSpot contact's properties, as the card reads them. */
export const CORA = { firstname: 'Cora', lastname: 'Lane', email: 'cora@example.com', phone: null, mobilephone: '+447700900123' };

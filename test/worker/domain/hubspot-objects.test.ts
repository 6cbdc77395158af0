import { describe, expect, it } from 'vitest';
import { hubspotRecordObject } from '../../../worker/src/domain/hubspot-objects';

describe('hubspotRecordObject', () => {
  it("names each record object by HubSpot's API name, however it was spelled", () => {
    expect(['contacts', 'Contact', ' CONTACT ', '0-1'].map(hubspotRecordObject)).toEqual(['contacts', 'contacts', 'contacts', 'contacts']);
    expect(['company', 'deal', 'Tickets', '0-2', '0-3', '0-5'].map(hubspotRecordObject)).toEqual(['companies', 'deals', 'tickets', 'companies', 'deals', 'tickets']);
  });

  it('knows no other object', () => {
    expect(['products', '2-123', 'contactz', ''].map(hubspotRecordObject)).toEqual([null, null, null, null]);
  });
});

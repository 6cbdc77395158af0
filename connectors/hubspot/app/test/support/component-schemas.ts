// The JSON schemas of the project's components, as HubSpot's parser asks for
// them. HubSpot serves its own only to a signed-in developer account (GET
// project-components-external/project-schemas/v3/{platformVersion}), which
// `npm test` has none of; these stand in for them offline, written from
// HubSpot's documented shapes for platform 2026.03 (app, card, settings,
// webhooks; see ../../README.md) and strict, so a misspelt or misplaced key
// fails here rather than at `hs project upload`. Every other check is the
// parser's own: JSON, uids, directories, one app, one settings page, one
// webhooks component, the platform version.
const httpsUrl = { type: 'string', pattern: '^https://[^\\s/]+\\.[^\\s]+$' };
const httpsOrigin = { type: 'string', pattern: '^https://[^\\s/]+\\.[a-z]+$' };
const entrypoint = { type: 'string', pattern: '^/app/[A-Za-z0-9_/-]+\\.(tsx|jsx|ts|js)$' };
const scope = { type: 'string', pattern: '^[a-z][a-z0-9_.-]*$' };

export const COMPONENT_SCHEMAS = {
  APPLICATION: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'distribution', 'auth', 'permittedUrls'],
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 200 },
      description: { type: 'string', maxLength: 8192 },
      logo: { type: 'string' },
      distribution: { enum: ['marketplace', 'private'] },
      auth: {
        type: 'object',
        additionalProperties: false,
        required: ['type', 'requiredScopes'],
        properties: {
          type: { enum: ['oauth', 'static'] },
          redirectUrls: { type: 'array', items: httpsUrl },
          requiredScopes: { type: 'array', minItems: 1, uniqueItems: true, items: scope },
          optionalScopes: { type: 'array', uniqueItems: true, items: scope },
          conditionallyRequiredScopes: { type: 'array', uniqueItems: true, items: scope },
        },
        // A marketplace app authorises by OAuth, which needs somewhere to land.
        if: { properties: { type: { const: 'oauth' } } },
        then: { required: ['redirectUrls'], properties: { redirectUrls: { minItems: 1 } } },
      },
      permittedUrls: {
        type: 'object',
        additionalProperties: false,
        required: ['fetch', 'iframe', 'img'],
        properties: { fetch: { type: 'array', items: httpsOrigin }, iframe: { type: 'array', items: httpsOrigin }, img: { type: 'array', items: httpsOrigin } },
      },
      support: {
        type: 'object',
        additionalProperties: false,
        properties: { supportEmail: { type: 'string' }, documentationUrl: httpsUrl, supportUrl: httpsUrl, supportPhone: { type: 'string' } },
      },
    },
    if: { properties: { distribution: { const: 'marketplace' } } },
    then: { properties: { auth: { properties: { type: { const: 'oauth' } } } } },
  },
  CARD: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'location', 'entrypoint', 'objectTypes'],
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 100 },
      description: { type: 'string' },
      location: { enum: ['crm.record.tab', 'crm.record.sidebar', 'crm.preview', 'helpdesk.sidebar'] },
      entrypoint,
      objectTypes: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', pattern: '^(contacts|companies|deals|tickets|[a-z_]+|p_[A-Za-z0-9_]+|\\d+-\\d+)$' } },
    },
  },
  SETTINGS: {
    type: 'object',
    additionalProperties: false,
    required: ['entrypoint'],
    properties: { entrypoint },
  },
  WEBHOOKS: {
    type: 'object',
    additionalProperties: false,
    required: ['settings', 'subscriptions'],
    properties: {
      settings: {
        type: 'object',
        additionalProperties: false,
        required: ['targetUrl'],
        properties: { targetUrl: httpsUrl, maxConcurrentRequests: { type: 'integer', minimum: 5 } },
      },
      subscriptions: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        properties: {
          crmObjects: { type: 'array', items: { type: 'object', required: ['subscriptionType', 'objectType', 'active'], properties: { subscriptionType: { type: 'string', pattern: '^object\\.[A-Za-z]+$' }, objectType: { type: 'string' }, propertyName: { type: 'string' }, active: { type: 'boolean' } }, additionalProperties: false } },
          legacyCrmObjects: { type: 'array', items: { type: 'object', required: ['subscriptionType', 'active'], properties: { subscriptionType: { type: 'string', pattern: '^[a-z_]+\\.[A-Za-z]+$' }, propertyName: { type: 'string' }, active: { type: 'boolean' } }, additionalProperties: false } },
          hubEvents: { type: 'array', items: { type: 'object', required: ['subscriptionType', 'active'], properties: { subscriptionType: { type: 'string', pattern: '^[a-z_]+\\.[A-Za-z]+$' }, active: { type: 'boolean' } }, additionalProperties: false } },
        },
      },
    },
  },
};

// The CRM connection as admins see it, and what write-back could not do.
import { z } from '@hono/zod-openapi';
import { CRM_SYSTEMS } from '../crm/messages';
import { isoTime, isoTimeOrNull } from './time';

export const salesforceConnectionSchema = z
  .object({
    loginUrl: z.string(),
    instanceUrl: z.string(),
    sfOrgId: z.string(),
    clientId: z.string(),
    username: z.string(),
    namespace: z.string().openapi({ description: "The namespace of the org's Parley package; empty when it has none" }),
    apiVersion: z.string().nullable(),
    connectedAt: isoTime,
  })
  .openapi('SalesforceConnection');

export const crmFailureSchema = z
  .object({ at: isoTime, system: z.enum(CRM_SYSTEMS), sessionId: z.string().nullable(), record: z.string().nullable(), reason: z.string() })
  .openapi('CrmFailure');
export type CrmFailureView = z.infer<typeof crmFailureSchema>;

export const salesforceStatusSchema = z
  .object({
    connection: salesforceConnectionSchema.nullable(),
    writeback: z.object({ lastSyncAt: isoTimeOrNull, failures: z.array(crmFailureSchema) }),
  })
  .openapi('SalesforceStatus');

export const resyncSchema = z
  .object({ queued: z.number().int(), truncated: z.boolean().openapi({ description: 'true when more sessions were linked than one resync writes' }) })
  .openapi('Resync');

export const salesforceConnectedSchema = z
  .object({ connection: salesforceConnectionSchema, resync: resyncSchema.nullable().openapi({ description: 'a first connection queues the sessions linked before it' }) })
  .openapi('SalesforceConnected');

export const disconnectedSchema = z.object({ connection: z.null() }).openapi('Disconnected');
export const orgKeySchema = z.object({ key: z.string().openapi({ description: 'shown once: pk.<orgId>.<secret>' }) }).openapi('OrgKey');

export const connectionCheckSchema = z
  .union([z.object({ ok: z.literal(true), instanceUrl: z.string(), apiVersion: z.string() }), z.object({ ok: z.literal(false), error: z.string() })])
  .openapi('ConnectionCheck');

export const crmWritebackSchema = z
  .object({ failures: z.array(crmFailureSchema).openapi({ description: "the latest write-back failures of every CRM system, newest first" }) })
  .openapi('CrmWriteback');

export const hubspotConnectionSchema = z
  .object({
    portalId: z.string().openapi({ example: '24681357' }),
    hubDomain: z.string().nullable().openapi({ example: 'acme.hubspot.com' }),
    scopes: z.array(z.string()),
    connectedAt: isoTime,
    broken: z
      .object({ at: isoTime, reason: z.string() })
      .nullable()
      .openapi({ description: 'HubSpot refused Parley (the app was uninstalled, its access revoked): write-back waits until an admin reconnects' }),
  })
  .openapi('HubSpotConnection');

export const hubspotStatusSchema = z
  .object({
    connection: hubspotConnectionSchema.nullable(),
    writeback: z.object({ lastSyncAt: isoTimeOrNull, failures: z.array(crmFailureSchema) }),
    installUrl: z
      .string()
      .nullable()
      .openapi({ description: "HubSpot's install page for Parley's app, bound to this org for an hour: connect or reconnect. Null when this Parley has no HubSpot app configured" }),
  })
  .openapi('HubSpotStatus');

// The parts of @hubspot/api-client that write-back calls, built the way its
// `Client` builds them (ObjectsDiscovery, PropertiesDiscovery, apiRequest).
//
// Why not `new Client()`: its getters `require()` every HubSpot API by name,
// so a bundler takes all of them: 10.9 MB of the Worker's then 19 MB, text
// that every isolate holds in its heap, for the handful of APIs below.
// Imported from the package's own modules, they are 0.7 MB.
// No decorators are applied: write-back retries through its queue, and Parley
// never sets the client's limiter (hubspot-api.ts spends its own budget).
import { ApiClientConfigurator } from '@hubspot/api-client/lib/src/configuration/ApiClientConfigurator';
import type IConfiguration from '@hubspot/api-client/lib/src/configuration/IConfiguration';
import { HttpClient } from '@hubspot/api-client/lib/src/services/http/HttpClient';
import type { IHttpOptions } from '@hubspot/api-client/lib/src/services/http/IHttpOptions';
import { Request } from '@hubspot/api-client/lib/src/services/http/Request';
import * as objects from '@hubspot/api-client/lib/codegen/crm/objects/index';
import * as properties from '@hubspot/api-client/lib/codegen/crm/properties/index';

export type HubSpotConfig = Pick<IConfiguration, 'accessToken' | 'basePath'>;

/** The CRM APIs write-back calls, each configured as the package's Client would configure it. */
export class HubSpotClients {
  readonly objects: { batchApi: objects.BatchApi };
  readonly properties: { batchApi: properties.BatchApi; coreApi: properties.CoreApi; groupsApi: properties.GroupsApi };

  constructor(private readonly config: HubSpotConfig) {
    const objectsConfig = objects.createConfiguration(ApiClientConfigurator.getParams(config, objects.ServerConfiguration, objects.Observable, objects.Observable));
    const propertiesConfig = properties.createConfiguration(ApiClientConfigurator.getParams(config, properties.ServerConfiguration, properties.Observable, properties.Observable));
    this.objects = { batchApi: new objects.BatchApi(objectsConfig) };
    this.properties = { batchApi: new properties.BatchApi(propertiesConfig), coreApi: new properties.CoreApi(propertiesConfig), groupsApi: new properties.GroupsApi(propertiesConfig) };
  }

  /** A call the typed APIs lack, as Client.apiRequest makes it: the base path, the bearer token, JSON unless told otherwise. */
  apiRequest(opts: IHttpOptions): Promise<Response> {
    return HttpClient.send(new Request(this.config, opts));
  }
}

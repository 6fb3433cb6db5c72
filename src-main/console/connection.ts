/**
 * The console's link to an MFA service: embedded (in-process, the default) or remote (a standalone service by URL).
 * Everything above this file uses `client` and never knows which.
 */
import type { EmbeddedService } from './embedded-service';
import { createRemoteHttp, createServiceClient, type ServiceClient } from './service-client';

/** A connected service, whatever the transport. */
export interface ServiceConnection {
  readonly mode: 'embedded' | 'remote';
  readonly client: ServiceClient;
  /** Human description of where the service is (data folder or URL). */
  readonly target: string;
  close(): Promise<void>;
}

/** The embedded connection, acting as `operatorEmail`. */
export async function connectEmbedded(service: EmbeddedService, operatorEmail: string): Promise<ServiceConnection> {
  const client = createServiceClient(service.http);
  const token = await service.signInAs(operatorEmail);
  client.setToken(token);
  return {
    mode: 'embedded',
    client,
    target: service.databaseFile,
    close: () => service.close(),
  };
}

/** A remote connection over HTTP(S) with the operator's bearer token. */
export function connectRemote(url: string, token: string): ServiceConnection {
  const client = createServiceClient(createRemoteHttp(url));
  client.setToken(token);
  return { mode: 'remote', client, target: url, close: async () => undefined };
}

/** Generates the OpenAPI 3.1 document from the shared route contract (the same zod schemas that validate). */
import { z } from 'zod';
import type { RouteDef } from '../../../shared/api/define';
import { API_ERRORS, ApiErrorBody } from '../../../shared/api/define';
import type { WebhookDef } from '../../../shared/api/webhooks';
import { WEBHOOK_EVENT_ID_HEADER, WEBHOOK_EVENT_TYPE_HEADER, WEBHOOK_SIGNATURE_HEADER } from '../../../shared/domain/webhook-signature';

type Json = Record<string, unknown>;

/** JSON Schema of a zod schema, as an OpenAPI 3.1 schema object. */
function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const json = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as Json;
  delete json.$schema;
  return json;
}

/** `/api/v1/users/:id` → `/api/v1/users/{id}`. */
function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]+)/g, '{$1}');
}

/** Parameters of a path or query object schema. */
function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const json = schemaOf(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, prop]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: prop,
    ...(typeof prop.description === 'string' ? { description: prop.description } : {}),
  }));
}

/** The `webhooks` section (OpenAPI 3.1): what the service posts to a receiver, with the headers it signs with. */
function webhooksOf(webhooks: Record<string, WebhookDef>): Record<string, Json> {
  const header = (name: string, description: string) => ({ name, in: 'header', required: true, schema: { type: 'string' }, description });
  return Object.fromEntries(
    Object.entries(webhooks).map(([name, def]) => [
      name,
      {
        post: {
          operationId: name,
          summary: def.summary,
          description: def.description,
          parameters: [
            header(WEBHOOK_SIGNATURE_HEADER, 't=<unix seconds>,v1=<hex HMAC-SHA256 of "<unix seconds>.<raw body>" under the webhook secret>'),
            header(WEBHOOK_EVENT_ID_HEADER, "The event's id, the same on every retry"),
            header(WEBHOOK_EVENT_TYPE_HEADER, 'audit.entry or test'),
          ],
          requestBody: { required: true, content: { 'application/json': { schema: schemaOf(def.body, 'output') } } },
          responses: { '2XX': { description: 'Accepted; any other answer, or none within the time limit, is retried' } },
        },
      },
    ]),
  );
}

/** The whole document for a map of routes (and the webhooks the service sends). */
export function buildOpenApiDocument(routes: Record<string, RouteDef>, info: { title: string; version: string }, webhooks: Record<string, WebhookDef> = {}): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const [name, def] of Object.entries(routes)) {
    const responses: Record<string, Json> = {
      '200': {
        description: 'Success',
        content: { [def.produces ?? 'application/json']: { schema: def.produces ? { type: 'string' } : schemaOf(def.response, 'output') } },
      },
    };
    const codes = new Set<keyof typeof API_ERRORS>(['bad_request', 'internal', ...def.errors]);
    if (def.auth !== 'none') codes.add('unauthorized');
    for (const code of codes) {
      const status = String(API_ERRORS[code]);
      const existing = responses[status];
      const described = existing ? `${String(existing.description)}, ${code}` : `Error: ${code}`;
      responses[status] = { description: described, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    }
    const operation: Json = {
      operationId: name,
      summary: def.summary,
      tags: [def.tag],
      parameters: [...parametersOf(def.params, 'path'), ...parametersOf(def.query, 'query')],
      responses,
      ...(def.auth === 'none' ? { security: [] } : {}),
      ...(def.body ? { requestBody: { required: true, content: { [def.consumes ?? 'application/json']: { schema: schemaOf(def.body, 'input') } } } } : {}),
    };
    const path = openApiPath(def.path);
    paths[path] = { ...(paths[path] ?? {}), [def.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: { title: info.title, version: info.version, description: 'Multi-factor authentication service: enrollment, challenges, recovery codes, policy, directory, resets and audit.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Opaque session token from sign-in' } },
      schemas: { Error: schemaOf(ApiErrorBody, 'output') },
    },
    security: [{ bearer: [] }],
    paths,
    webhooks: webhooksOf(webhooks),
  };
}

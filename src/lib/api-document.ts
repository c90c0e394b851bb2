import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { API_DOCUMENT_CONFIG } from '../../model/api/document.ts';
import { API_ENDPOINTS } from '../../model/api/index.ts';

/**
 * The API's OpenAPI document, built at site build time from the same contracts (model/api/) and
 * by the same generator as GET /api/openapi.json, so the reference page cannot say anything the
 * API does not (test/openapi-document.test.ts compares the two). The handlers never run.
 */
export function buildApiDocument() {
  const app = new OpenAPIHono().basePath('/api');
  for (const endpoint of Object.values(API_ENDPOINTS)) {
    app.openapi(createRoute(endpoint), (c) => c.body(null, 501));
  }
  return app.getOpenAPI31Document(API_DOCUMENT_CONFIG);
}

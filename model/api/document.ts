/**
 * The head of the published OpenAPI document: the API serves it at /api/openapi.json and the
 * site's reference page (/developers/) builds the same document, both from the contracts.
 */
export const API_DOCUMENT_CONFIG = {
  openapi: '3.1.0',
  info: {
    title: 'Jumo API',
    version: '1',
    description:
      'Follows, pledges, news and volunteering for the NGOs of the Jumo directory. The same reference for people is the page /developers/ of the site that serves this API.',
  },
} as const;

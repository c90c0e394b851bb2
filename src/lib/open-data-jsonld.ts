import { OPEN_DATA_PATH, type OpenDataManifest } from './open-data.ts';

/**
 * schema.org Dataset markup for /data/, so dataset search engines find the download with its
 * files, licences and sources: every value comes from the build's manifest.
 */
export function buildDatasetJsonLd(manifest: OpenDataManifest, site: URL): Record<string, unknown> {
  const sources = Object.values(manifest.sources);
  const licences = [...new Set(sources.flatMap((s) => s!.licences.map((l) => l.url)))];
  return {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    name: manifest.name,
    description: `${manifest.records.toLocaleString('en')} NGOs from public registers (US IRS, UK charity regulators) and organisations that joined Jumo, as gzipped JSON Lines with a JSON Schema and a manifest giving counts, SHA-256 and each source's licence.`,
    url: new URL(OPEN_DATA_PATH, site).href,
    isAccessibleForFree: true,
    license: licences,
    creator: { '@type': 'Organization', name: 'Jumo', url: new URL('/', site).href },
    dateModified: manifest.generatedAt,
    isBasedOn: sources.map((s) => new URL(s!.url, site).href),
    distribution: manifest.files.map((f) => ({
      '@type': 'DataDownload',
      name: f.title,
      contentUrl: new URL(`${OPEN_DATA_PATH}${f.file}`, site).href,
      encodingFormat: 'application/gzip',
      contentSize: `${f.bytes} B`,
      sha256: f.sha256,
    })),
  };
}

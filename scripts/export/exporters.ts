import type { Exporter } from './exporter.ts';
import { impactReportsExporter } from './impact-reports.ts';
import { joinedNgosExporter } from './joined-ngos.ts';
import { profilesExporter } from './profiles.ts';

/**
 * Everything `npm run export` writes into content/, one exporter per file. Add a module beside
 * profiles.ts and list it here (impact reports: content/impact-reports.jsonl; NGOs that joined:
 * content/ngos/joined.jsonl).
 */
export const EXPORTERS: readonly Exporter[] = [profilesExporter, impactReportsExporter, joinedNgosExporter];

/** Where exports go: content/ (EXPORT_DIR overrides it for tests and small builds). */
export const DEFAULT_EXPORT_DIR = 'content';

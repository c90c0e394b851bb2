import { loadDirectory } from './directory.ts';
import { buildOpenData, type OpenData } from './open-data.ts';

/**
 * The bulk download of this build, made once and shared by the routes that write its files
 * (src/pages/data/[file].ts) and the /data/ page that lists them, so the page shows the sizes
 * and sha256 of exactly the files beside it.
 */

let building: Promise<OpenData> | undefined;

/** SOURCE_DATE_EPOCH (reproducible-builds.org) fixes the manifest's time; otherwise the build's. */
function readBuildTime(): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
}

export function loadOpenData(): Promise<OpenData> {
  building ??= loadDirectory().then(({ ngos }) => buildOpenData(ngos, { generatedAt: readBuildTime() }));
  return building;
}

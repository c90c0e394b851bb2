import { createRoute } from '@hono/zod-openapi';
import {
  getNgoProfile,
  getProfileRevision,
  listProfileRevisions,
  saveNgoProfile,
  type ProfileRevision,
} from '../../db/ngo-profiles.ts';
import * as contracts from '../../model/api/profiles.ts';
import type { ProfileRevisionJson, ProfileViewJson } from '../../model/api/profiles.ts';
import {
  ngoProfileDataSchema,
  toMediaPath,
  type NgoProfileData,
  type ngoProfileInputSchema,
} from '../../model/ngo-profile.ts';
import type { z } from 'zod';
import type { AppContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { renderMarkdown } from '../markdown.ts';
import { ensureStoredImage } from '../media/store-image.ts';
import { requireNgo } from '../middleware/require-ngo.ts';
import { requireSession } from '../middleware/session.ts';
import { createRouter } from '../openapi.ts';
import { limitContentCreation, requireAdmin, requireNgoManager, requireNgoManagerOrAdmin } from './engage-shared.ts';

const REVISION_LIMIT = 100;

type ProfileInput = z.output<typeof ngoProfileInputSchema>;

/** The stored shape: fields not provided are left out, Markdown rendered once, here. */
export function toProfileData(input: ProfileInput): NgoProfileData {
  const data: NgoProfileData = {};
  if (input.mission) {
    data.mission = input.mission;
    data.missionHtml = renderMarkdown(input.mission);
  }
  if (input.description) {
    data.description = input.description;
    data.descriptionHtml = renderMarkdown(input.description);
  }
  if (input.website) data.website = input.website;
  if (input.donationUrl) data.donationUrl = input.donationUrl;
  const social = Object.fromEntries(Object.entries(input.social ?? {}).filter(([, url]) => Boolean(url)));
  if (Object.keys(social).length > 0) data.social = social;
  if (input.contactEmail) data.contactEmail = input.contactEmail;
  if (input.languages?.length) data.languages = input.languages;
  if (input.countriesServed?.length) data.countriesServed = input.countriesServed;
  if (input.yearFounded != null) data.yearFounded = input.yearFounded;
  if (input.logo) data.logo = input.logo;
  return data;
}

/** Stored JSON back to the model's shape (it passed the same schema when saved). */
function parseProfileData(json: string): NgoProfileData {
  return ngoProfileDataSchema.parse(JSON.parse(json));
}

async function readProfileView(c: AppContext, ngoId: string): Promise<ProfileViewJson> {
  const row = await getNgoProfile(c.get('getDb')(), ngoId);
  if (!row) return { ngoId, profile: null, updatedAt: null, updatedBy: null, logoUrl: null };
  const profile = parseProfileData(row.data);
  return {
    ngoId,
    profile,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy && row.updatedByName ? { id: row.updatedBy, name: row.updatedByName } : null,
    logoUrl: profile.logo ? toMediaPath(profile.logo) : null,
  };
}

function toRevisionJson(revision: ProfileRevision): ProfileRevisionJson {
  return {
    id: revision.id,
    action: revision.action,
    revertedTo: revision.revertedTo,
    author: revision.authorId && revision.authorName ? { id: revision.authorId, name: revision.authorName } : null,
    createdAt: revision.createdAt.toISOString(),
    profile: parseProfileData(revision.data),
  };
}

export const profileRoutes = createRouter()
  .openapi(
    createRoute({
      ...contracts.getNgoProfile,
      middleware: [requireSession(), requireNgo(), requireNgoManagerOrAdmin()],
    }),
    async (c) => c.json(await readProfileView(c, c.get('ngo').id), 200),
  )
  .openapi(
    createRoute({
      ...contracts.saveNgoProfile,
      middleware: [requireSession(), limitContentCreation(), requireNgo(), requireNgoManager()],
    }),
    async (c) => {
      const ngoId = c.get('ngo').id;
      const data = toProfileData(c.req.valid('json'));
      if (data.logo) await ensureStoredImage(c, data.logo, 'logo');
      await saveNgoProfile(
        c.get('getDb')(),
        { ngoId, data: JSON.stringify(data), authorId: c.get('auth').user.id, action: 'edit' },
        c.get('now')(),
      );
      return c.json(await readProfileView(c, ngoId), 200);
    },
  )
  .openapi(
    createRoute({
      ...contracts.listProfileRevisions,
      middleware: [requireSession(), requireAdmin(), requireNgo()],
    }),
    async (c) => {
      const revisions = await listProfileRevisions(c.get('getDb')(), c.get('ngo').id, REVISION_LIMIT);
      return c.json({ revisions: revisions.map(toRevisionJson) }, 200);
    },
  )
  .openapi(
    createRoute({
      ...contracts.revertNgoProfile,
      middleware: [requireSession(), requireAdmin(), requireNgo()],
    }),
    async (c) => {
      const ngoId = c.get('ngo').id;
      const { revisionId } = c.req.valid('param');
      const db = c.get('getDb')();
      const revision = await getProfileRevision(db, ngoId, revisionId);
      if (!revision) {
        throw new ApiError(404, 'not_found', 'revisionId: this NGO has no such revision.', { field: 'revisionId' });
      }
      await saveNgoProfile(
        db,
        { ngoId, data: revision.data, authorId: c.get('auth').user.id, action: 'revert', revertedTo: revision.id },
        c.get('now')(),
      );
      return c.json(await readProfileView(c, ngoId), 200);
    },
  );

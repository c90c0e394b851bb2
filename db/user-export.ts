import { asc, eq } from 'drizzle-orm';
import type { Database } from './client.ts';
import {
  contentReports,
  impactReports,
  ngoClaims,
  ngoManagers,
  ngoPosts,
  ngoProfileRevisions,
  ngoProposals,
  volunteerOpportunities,
  volunteerSignups,
} from './schema.ts';

/**
 * What a person did on Jumo beyond follows and pledges, for GET /api/me/export: claims and
 * proposals with what they wrote, the pages they manage, volunteer sign-ups, reports they filed,
 * and what they published for an NGO (by id: the text itself is the NGO's, on its page).
 */
export async function exportUserActivity(db: Database, userId: string) {
  const [claims, managed, signups, reports, proposals, posts, opportunities, impact, profileEdits] = await db.batch([
    db
      .select({
        id: ngoClaims.id,
        ngoId: ngoClaims.ngoId,
        role: ngoClaims.role,
        workEmail: ngoClaims.workEmail,
        note: ngoClaims.note,
        status: ngoClaims.status,
        createdAt: ngoClaims.createdAt,
        decidedAt: ngoClaims.decidedAt,
      })
      .from(ngoClaims)
      .where(eq(ngoClaims.userId, userId))
      .orderBy(asc(ngoClaims.createdAt)),
    db
      .select({ ngoId: ngoManagers.ngoId, addedAt: ngoManagers.addedAt })
      .from(ngoManagers)
      .where(eq(ngoManagers.userId, userId))
      .orderBy(asc(ngoManagers.addedAt)),
    db
      .select({
        id: volunteerSignups.id,
        opportunityId: volunteerSignups.opportunityId,
        message: volunteerSignups.message,
        status: volunteerSignups.status,
        createdAt: volunteerSignups.createdAt,
      })
      .from(volunteerSignups)
      .where(eq(volunteerSignups.userId, userId))
      .orderBy(asc(volunteerSignups.createdAt)),
    db
      .select({
        id: contentReports.id,
        kind: contentReports.kind,
        itemId: contentReports.itemId,
        reason: contentReports.reason,
        status: contentReports.status,
        createdAt: contentReports.createdAt,
      })
      .from(contentReports)
      .where(eq(contentReports.reporterId, userId))
      .orderBy(asc(contentReports.createdAt)),
    db
      .select({
        id: ngoProposals.id,
        name: ngoProposals.name,
        country: ngoProposals.country,
        city: ngoProposals.city,
        register: ngoProposals.register,
        registrationNumber: ngoProposals.registrationNumber,
        website: ngoProposals.website,
        mission: ngoProposals.mission,
        role: ngoProposals.role,
        workEmail: ngoProposals.workEmail,
        status: ngoProposals.status,
        ngoId: ngoProposals.ngoId,
        decisionReason: ngoProposals.decisionReason,
        createdAt: ngoProposals.createdAt,
        decidedAt: ngoProposals.decidedAt,
      })
      .from(ngoProposals)
      .where(eq(ngoProposals.userId, userId))
      .orderBy(asc(ngoProposals.createdAt)),
    db
      .select({ id: ngoPosts.id, ngoId: ngoPosts.ngoId, createdAt: ngoPosts.createdAt })
      .from(ngoPosts)
      .where(eq(ngoPosts.authorId, userId))
      .orderBy(asc(ngoPosts.createdAt)),
    db
      .select({
        id: volunteerOpportunities.id,
        ngoId: volunteerOpportunities.ngoId,
        createdAt: volunteerOpportunities.createdAt,
      })
      .from(volunteerOpportunities)
      .where(eq(volunteerOpportunities.authorId, userId))
      .orderBy(asc(volunteerOpportunities.createdAt)),
    db
      .select({ id: impactReports.id, ngoId: impactReports.ngoId, createdAt: impactReports.createdAt })
      .from(impactReports)
      .where(eq(impactReports.authorId, userId))
      .orderBy(asc(impactReports.createdAt)),
    db
      .select({
        id: ngoProfileRevisions.id,
        ngoId: ngoProfileRevisions.ngoId,
        createdAt: ngoProfileRevisions.createdAt,
      })
      .from(ngoProfileRevisions)
      .where(eq(ngoProfileRevisions.authorId, userId))
      .orderBy(asc(ngoProfileRevisions.createdAt)),
  ]);
  return {
    claims,
    managedNgos: managed,
    volunteerSignups: signups,
    reportsFiled: reports,
    proposals,
    published: { posts, opportunities, impactReports: impact, profileEdits },
  };
}

import type { ApiRouteName } from './routes.ts';
import type { Endpoint } from './contract.ts';
import * as account from './account.ts';
import * as follows from './follows.ts';
import * as auth from './auth.ts';
import * as impactReports from './impact-reports.ts';
import * as news from './news.ts';
import * as cards from './cards.ts';
import * as media from './media.ts';
import * as profiles from './profiles.ts';
import * as pledges from './pledges.ts';
import * as reports from './reports.ts';
import * as claims from './claims.ts';
import * as directory from './directory.ts';
import * as volunteering from './volunteering.ts';
import * as email from './email.ts';
import * as proposals from './proposals.ts';

/** Every endpoint's contract by name; the names are those of API_ROUTES (routes.ts). */
export const API_ENDPOINTS = {
  getHealth: account.getHealth,
  getMe: account.getMe,
  deleteMe: account.deleteMe,
  exportMyData: follows.exportMyData,
  followNgo: follows.followNgo,
  unfollowNgo: follows.unfollowNgo,
  followCause: follows.followCause,
  unfollowCause: follows.unfollowCause,
  getNgoStats: follows.getNgoStats,
  getCauseStats: follows.getCauseStats,
  listMyFollows: follows.listMyFollows,
  listNgoFriends: follows.listNgoFriends,
  getFeed: follows.getFeed,
  getAuthProviders: auth.getAuthProviders,
  signOut: auth.signOut,
  signInDemo: auth.signInDemo,
  startFacebookSignIn: auth.startFacebookSignIn,
  finishFacebookSignIn: auth.finishFacebookSignIn,
  requestFacebookDataDeletion: auth.requestFacebookDataDeletion,
  getDeletionStatus: auth.getDeletionStatus,
  createPledge: pledges.createPledge,
  listMyPledges: pledges.listMyPledges,
  updatePledge: pledges.updatePledge,
  getNgoAccess: claims.getNgoAccess,
  createClaim: claims.createClaim,
  listMyClaims: claims.listMyClaims,
  listManagedNgos: claims.listManagedNgos,
  listClaims: claims.listClaims,
  decideClaim: claims.decideClaim,
  listManagers: claims.listManagers,
  addManager: claims.addManager,
  removeManager: claims.removeManager,
  releaseNgo: claims.releaseNgo,
  listNgoPosts: news.listNgoPosts,
  createPost: news.createPost,
  updatePost: news.updatePost,
  deletePost: news.deletePost,
  getNgoNewsFeed: news.getNgoNewsFeed,
  getCauseNewsFeed: news.getCauseNewsFeed,
  getNgoCard: cards.getNgoCard,
  listOpportunities: volunteering.listOpportunities,
  listNgoOpportunities: volunteering.listNgoOpportunities,
  createOpportunity: volunteering.createOpportunity,
  updateOpportunity: volunteering.updateOpportunity,
  createSignup: volunteering.createSignup,
  listSignups: volunteering.listSignups,
  updateSignup: volunteering.updateSignup,
  deleteSignup: volunteering.deleteSignup,
  listMySignups: volunteering.listMySignups,
  getNgoProfile: profiles.getNgoProfile,
  saveNgoProfile: profiles.saveNgoProfile,
  listProfileRevisions: profiles.listProfileRevisions,
  revertNgoProfile: profiles.revertNgoProfile,
  uploadNgoImage: media.uploadNgoImage,
  getMedia: media.getMedia,
  listNgoImpactReports: impactReports.listNgoImpactReports,
  createImpactReport: impactReports.createImpactReport,
  getImpactReport: impactReports.getImpactReport,
  updateImpactReport: impactReports.updateImpactReport,
  deleteImpactReport: impactReports.deleteImpactReport,
  listMyPledgeImpactReports: impactReports.listMyPledgeImpactReports,
  getMyEmail: email.getMyEmail,
  setMyEmail: email.setMyEmail,
  updateMyEmail: email.updateMyEmail,
  deleteMyEmail: email.deleteMyEmail,
  confirmEmail: email.confirmEmail,
  enableInstantEmail: email.enableInstantEmail,
  disableInstantEmail: email.disableInstantEmail,
  showUnsubscribe: email.showUnsubscribe,
  unsubscribe: email.unsubscribe,
  createProposal: proposals.createProposal,
  listMyProposals: proposals.listMyProposals,
  confirmProposalEmail: proposals.confirmProposalEmail,
  resendProposalConfirmation: proposals.resendProposalConfirmation,
  listProposals: proposals.listProposals,
  decideProposal: proposals.decideProposal,
  getPublicNgo: directory.getPublicNgo,
  listPublicNgos: directory.listPublicNgos,
  createReport: reports.createReport,
  listReports: reports.listReports,
  resolveReport: reports.resolveReport,
} satisfies Record<ApiRouteName, Endpoint>;

export type ApiEndpoints = typeof API_ENDPOINTS;

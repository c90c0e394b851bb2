/**
 * Method and path of every API endpoint, by name: the one part of the contracts a page needs at
 * run time (the typed client builds URLs from it). Paths are relative to /api and use OpenAPI's
 * `{param}` form. The schemas for each name are in the contract files beside this one.
 */
export const API_ROUTES = {
  // health and account (account.ts)
  getHealth: { method: 'get', path: '/health' },
  getMe: { method: 'get', path: '/me' },
  deleteMe: { method: 'delete', path: '/me' },
  exportMyData: { method: 'get', path: '/me/export' },
  // sign-in (auth.ts)
  getAuthProviders: { method: 'get', path: '/auth/providers' },
  signOut: { method: 'post', path: '/auth/logout' },
  signInDemo: { method: 'post', path: '/auth/demo' },
  startFacebookSignIn: { method: 'get', path: '/auth/facebook' },
  finishFacebookSignIn: { method: 'get', path: '/auth/facebook/callback' },
  requestFacebookDataDeletion: { method: 'post', path: '/auth/facebook/data-deletion' },
  getDeletionStatus: { method: 'get', path: '/auth/deletion-status' },
  // follows and public counts (follows.ts)
  followNgo: { method: 'put', path: '/follows/ngos/{id}' },
  unfollowNgo: { method: 'delete', path: '/follows/ngos/{id}' },
  followCause: { method: 'put', path: '/follows/causes/{cause}' },
  unfollowCause: { method: 'delete', path: '/follows/causes/{cause}' },
  getNgoStats: { method: 'get', path: '/ngos/{id}/stats' },
  getCauseStats: { method: 'get', path: '/causes/{cause}/stats' },
  listMyFollows: { method: 'get', path: '/me/follows' },
  listNgoFriends: { method: 'get', path: '/ngos/{id}/friends' },
  getFeed: { method: 'get', path: '/feed' },
  // pledges (pledges.ts)
  createPledge: { method: 'post', path: '/pledges' },
  listMyPledges: { method: 'get', path: '/me/pledges' },
  updatePledge: { method: 'patch', path: '/pledges/{id}' },
  // claims and managers (claims.ts)
  getNgoAccess: { method: 'get', path: '/ngos/{id}/access' },
  createClaim: { method: 'post', path: '/ngos/{id}/claims' },
  listMyClaims: { method: 'get', path: '/me/claims' },
  listManagedNgos: { method: 'get', path: '/me/managed' },
  listClaims: { method: 'get', path: '/admin/claims' },
  decideClaim: { method: 'post', path: '/admin/claims/{id}/decision' },
  listManagers: { method: 'get', path: '/ngos/{id}/managers' },
  addManager: { method: 'post', path: '/ngos/{id}/managers' },
  removeManager: { method: 'delete', path: '/ngos/{id}/managers/{userId}' },
  releaseNgo: { method: 'post', path: '/ngos/{id}/release' },
  // news (news.ts)
  listNgoPosts: { method: 'get', path: '/ngos/{id}/posts' },
  createPost: { method: 'post', path: '/ngos/{id}/posts' },
  updatePost: { method: 'patch', path: '/posts/{id}' },
  deletePost: { method: 'delete', path: '/posts/{id}' },
  getNgoNewsFeed: { method: 'get', path: '/ngos/{id}/feed.xml' },
  getCauseNewsFeed: { method: 'get', path: '/causes/{cause}/feed.xml' },
  // share cards (cards.ts)
  getNgoCard: { method: 'get', path: '/ngos/{id}/card.png' },
  // volunteering (volunteering.ts)
  listOpportunities: { method: 'get', path: '/opportunities' },
  listNgoOpportunities: { method: 'get', path: '/ngos/{id}/opportunities' },
  createOpportunity: { method: 'post', path: '/ngos/{id}/opportunities' },
  updateOpportunity: { method: 'patch', path: '/opportunities/{id}' },
  createSignup: { method: 'post', path: '/opportunities/{id}/signups' },
  listSignups: { method: 'get', path: '/opportunities/{id}/signups' },
  updateSignup: { method: 'patch', path: '/signups/{id}' },
  deleteSignup: { method: 'delete', path: '/signups/{id}' },
  listMySignups: { method: 'get', path: '/me/signups' },
  // NGO-provided profiles (profiles.ts) and images (media.ts)
  getNgoProfile: { method: 'get', path: '/ngos/{id}/profile' },
  saveNgoProfile: { method: 'put', path: '/ngos/{id}/profile' },
  listProfileRevisions: { method: 'get', path: '/admin/ngos/{id}/profile/revisions' },
  revertNgoProfile: { method: 'post', path: '/admin/ngos/{id}/profile/revisions/{revisionId}/revert' },
  uploadNgoImage: { method: 'post', path: '/ngos/{id}/media' },
  getMedia: { method: 'get', path: '/media/{name}' },
  // impact reports (impact-reports.ts)
  listNgoImpactReports: { method: 'get', path: '/ngos/{id}/impact-reports' },
  createImpactReport: { method: 'post', path: '/ngos/{id}/impact-reports' },
  getImpactReport: { method: 'get', path: '/impact-reports/{id}' },
  updateImpactReport: { method: 'patch', path: '/impact-reports/{id}' },
  deleteImpactReport: { method: 'delete', path: '/impact-reports/{id}' },
  listMyPledgeImpactReports: { method: 'get', path: '/me/pledges/impact-reports' },
  // email (email.ts)
  getMyEmail: { method: 'get', path: '/me/email' },
  setMyEmail: { method: 'put', path: '/me/email' },
  updateMyEmail: { method: 'patch', path: '/me/email' },
  deleteMyEmail: { method: 'delete', path: '/me/email' },
  confirmEmail: { method: 'post', path: '/me/email/confirm' },
  enableInstantEmail: { method: 'put', path: '/me/email/instant/{id}' },
  disableInstantEmail: { method: 'delete', path: '/me/email/instant/{id}' },
  showUnsubscribe: { method: 'get', path: '/email/unsubscribe' },
  unsubscribe: { method: 'post', path: '/email/unsubscribe' },
  // NGOs joining the directory (proposals.ts)
  createProposal: { method: 'post', path: '/proposals' },
  listMyProposals: { method: 'get', path: '/me/proposals' },
  confirmProposalEmail: { method: 'post', path: '/proposals/confirm-email' },
  resendProposalConfirmation: { method: 'post', path: '/proposals/{id}/confirmation-link' },
  listProposals: { method: 'get', path: '/admin/proposals' },
  decideProposal: { method: 'post', path: '/admin/proposals/{id}/decision' },
  // the public directory, open to any origin; paths under /v1/ change only additively (directory.ts)
  getPublicNgo: { method: 'get', path: '/v1/ngos/{id}' },
  listPublicNgos: { method: 'get', path: '/v1/ngos' },
  // reports (reports.ts)
  createReport: { method: 'post', path: '/reports' },
  listReports: { method: 'get', path: '/admin/reports' },
  resolveReport: { method: 'post', path: '/admin/reports/{id}/resolution' },
} as const;

export type ApiRouteName = keyof typeof API_ROUTES;

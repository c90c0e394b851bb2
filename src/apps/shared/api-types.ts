import type { ApiResult } from '../../scripts/api-client.ts';

/** Shapes the app pages show, named once from the API contracts (model/api/), never retyped. */
export type Post = ApiResult<'listNgoPosts'>['posts'][number];
/** A post as the feed sends it, without its Markdown source. */
export type PostView = Extract<FeedItem, { kind: 'post' }>['post'];
export type Opportunity = ApiResult<'listNgoOpportunities'>['opportunities'][number];
export type FeedItem = ApiResult<'getFeed'>['items'][number];
/** An impact report as the feed sends it, without its Markdown source. */
export type ImpactReportView = Extract<FeedItem, { kind: 'report' }>['report'];
/** An impact report with its Markdown, for its managers (/manage/). */
export type ImpactReport = ApiResult<'listNgoImpactReports'>['reports'][number];
/** The NGO shown beside an item in lists that mix NGOs (the feed, /volunteer/). */
export type ItemNgo = Pick<FeedItem['ngo'], 'name' | 'slug'>;

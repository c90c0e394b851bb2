import { callApi, type ApiAnswer, type ApiResult } from '../api-client.ts';

/**
 * An NGO's or a cause's public numbers, asked once per page: the follow button and the stats
 * panel both read them on load, and share the one request.
 */

export type NgoStats = ApiResult<'getNgoStats'>;
export type CauseStats = ApiResult<'getCauseStats'>;

export type StatsKind = 'ngo' | 'cause';
type Stats<K extends StatsKind> = K extends 'ngo' ? NgoStats : CauseStats;

const requests = new Map<string, Promise<ApiAnswer<NgoStats | CauseStats>>>();

/** The page's stats request for this NGO or cause; `fresh` asks again (after a pledge, a sign-in). */
export function loadStats<K extends StatsKind>(kind: K, id: string, fresh = false): Promise<ApiAnswer<Stats<K>>> {
  const key = `${kind}:${id}`;
  let request = requests.get(key);
  if (!request || fresh) {
    request =
      kind === 'ngo' ? callApi('getNgoStats', { params: { id } }) : callApi('getCauseStats', { params: { cause: id } });
    requests.set(key, request);
  }
  return request as Promise<ApiAnswer<Stats<K>>>;
}

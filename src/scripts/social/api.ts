/** JSON calls to our API, with the error message the API wrote (or a plain one). */
export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; message: string };

export async function callApi<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, message: 'No connection. Check your network and try again.' };
  }
  const data = await response.json().catch(() => null);
  if (response.ok) return { ok: true, status: response.status, data: data as T };
  const message =
    response.status === 401
      ? 'Please sign in again.'
      : ((data as { error?: { message?: string } } | null)?.error?.message ?? 'Something went wrong. Try again.');
  return { ok: false, status: response.status, message };
}

export type NgoStats = {
  followers: number;
  supporters: number;
  pledges: { count: number; totals: { currency: string; onceMinor: number; monthlyMinor: number }[] };
  recent: { name: string; amountMinor: number; currency: string; recurrence: 'once' | 'monthly'; createdAt: string }[];
  viewerFollows: boolean | null;
};

export type CauseStats = { followers: number; viewerFollows: boolean | null };

const statsRequests = new Map<string, Promise<ApiResult<NgoStats | CauseStats>>>();

/** One stats request per page, shared by the follow button and the stats panel. */
export function loadStats(path: string, fresh = false): Promise<ApiResult<NgoStats | CauseStats>> {
  let request = statsRequests.get(path);
  if (!request || fresh) {
    request = callApi<NgoStats | CauseStats>('GET', path);
    statsRequests.set(path, request);
  }
  return request;
}

/** "£25.00", "¥500": amounts are in the currency's minor unit, as Intl counts its digits. */
export function formatMinor(minor: number, currency: string): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency });
  return format.format(minor / 10 ** fractionDigits(currency));
}

export function fractionDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

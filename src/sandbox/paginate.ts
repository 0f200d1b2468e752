import type { RoutedRequest } from './provider-server.js';

const DEFAULT_PER_PAGE = 25;
const MAX_PER_PAGE = 100;

/**
 * PlanetScale's page envelope (docs/api-notes.md §2.2). `list_organizations` has no totals (§2.5 item 8).
 * [A] Out-of-range `page`/`per_page` are not documented: unusable values fall back to the defaults
 * and `per_page` is capped at the documented maximum, 100.
 */
export function paginate<T>(
  items: readonly T[],
  request: RoutedRequest,
  render: (item: T) => unknown,
  withTotals = true,
): Record<string, unknown> {
  const perPage = Math.min(MAX_PER_PAGE, positiveInteger(request.query.get('per_page')) ?? DEFAULT_PER_PAGE);
  const page = positiveInteger(request.query.get('page')) ?? 1;
  const totalPages = Math.ceil(items.length / perPage);
  const nextPage = page < totalPages ? page + 1 : null;
  const prevPage = page > 1 ? page - 1 : null;
  const link = (target: number | null): string | null => {
    if (target === null) return null;
    const query = new URLSearchParams(request.query);
    query.set('page', String(target));
    query.set('per_page', String(perPage));
    return `${request.origin}${request.path}?${query.toString()}`;
  };
  const start = (page - 1) * perPage;
  return {
    type: 'list',
    current_page: page,
    per_page: perPage,
    next_page: nextPage,
    next_page_url: link(nextPage),
    prev_page: prevPage,
    prev_page_url: link(prevPage),
    ...(withTotals ? { total_count: items.length, total_pages: totalPages } : {}),
    data: items.slice(start, start + perPage).map(render),
  };
}

function positiveInteger(text: string | null): number | undefined {
  if (text === null || !/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= 1 ? value : undefined;
}

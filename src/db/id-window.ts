/** Keyset window over time-ordered UUID primary keys: `id > after`, `id < before`, ordered by id. */
export interface IdWindow {
  after: string | undefined;
  before: string | undefined;
  limit: number;
  /** True when paging backwards (`last`): order descending, the caller reverses the page. */
  descending: boolean;
}

/** A MikroORM id condition and order for a keyset window. */
export function idWindowQuery(window: IdWindow) {
  const id: { $gt?: string; $lt?: string } = {};
  if (window.after) id.$gt = window.after;
  if (window.before) id.$lt = window.before;
  return {
    where: Object.keys(id).length > 0 ? { id } : {},
    orderBy: { id: window.descending ? ('desc' as const) : ('asc' as const) },
    limit: window.limit,
  };
}

/** Pages forward from `after` towards older rows; `last`/`before` pages back towards newer ones. */
export interface NewestFirstWindow {
  after: string | undefined;
  before: string | undefined;
  limit: number;
  /** Paging backwards: fetched oldest first, the connection reverses the page. */
  inverted: boolean;
}

/** A MikroORM id condition and order for a newest-first window over time-ordered ids. */
export function newestFirstQuery(window: NewestFirstWindow) {
  const id: { $lt?: string; $gt?: string } = {};
  if (window.after) id.$lt = window.after;
  if (window.before) id.$gt = window.before;
  return {
    where: Object.keys(id).length > 0 ? { id } : {},
    orderBy: { id: window.inverted ? ('asc' as const) : ('desc' as const) },
    limit: window.limit,
  };
}

/** Escapes LIKE wildcards so a search string matches literally. */
export function containsPattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

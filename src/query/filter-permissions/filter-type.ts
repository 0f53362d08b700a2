/** The kinds of dashboard filter; permission code is validated and evaluated per kind. */
export const FILTER_TYPES = ['DROPDOWN', 'TEXT', 'DATE'] as const;
export type FilterType = (typeof FILTER_TYPES)[number];

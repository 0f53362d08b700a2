import { resolveCursorConnection, type ResolveCursorConnectionArgs } from '@pothos/plugin-relay';
import { badInput } from '../errors.ts';
import { isUuid } from '../db/ids.ts';
import type { IdWindow } from '../db/id-window.ts';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

function decodeCursor(cursor: string | undefined, arg: string): string | undefined {
  if (cursor === undefined) return undefined;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!isUuid(id)) throw badInput(arg, `"${arg}" is not a cursor this list returned`);
  return id;
}

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export function validatePageArgs(args: ConnectionArgs): void {
  if (args.first != null && (args.first < 0 || args.first > MAX_PAGE_SIZE)) {
    throw badInput('first', `"first" must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  if (args.last != null && (args.last < 0 || args.last > MAX_PAGE_SIZE)) {
    throw badInput('last', `"last" must be between 0 and ${MAX_PAGE_SIZE}`);
  }
}

/** A Relay connection over rows with UUIDv7 ids, fetched by `load` with a keyset window. */
export async function idConnection<T extends { id: string }>(args: ConnectionArgs, load: (window: IdWindow) => Promise<T[]>) {
  validatePageArgs(args);
  return resolveCursorConnection(
    {
      args,
      defaultSize: DEFAULT_PAGE_SIZE,
      maxSize: MAX_PAGE_SIZE,
      toCursor: (row: T) => Buffer.from(row.id, 'utf8').toString('base64url'),
    },
    (params: ResolveCursorConnectionArgs) =>
      load({
        after: decodeCursor(params.after, 'after'),
        before: decodeCursor(params.before, 'before'),
        limit: params.limit,
        descending: params.inverted,
      }),
  );
}

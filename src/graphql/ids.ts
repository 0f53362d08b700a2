import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { isUuid } from '../db/ids.ts';
import { badInput } from '../errors.ts';

export { encodeGlobalID };

/** Recently decoded global ids (a page or a dashboard sends the same ones again and again). */
const decodedIds = new Map<string, { typename: string; id: string } | null>();
const MAX_DECODED = 10_000;

function decoded(globalId: string): { typename: string; id: string } | null {
  let found = decodedIds.get(globalId);
  if (found === undefined) {
    try {
      found = decodeGlobalID(globalId);
    } catch {
      found = null;
    }
    if (globalId.length <= 200) {
      if (decodedIds.size >= MAX_DECODED) decodedIds.delete(decodedIds.keys().next().value!);
      decodedIds.set(globalId, found);
    }
  }
  return found;
}

/**
 * The type and raw id inside a global id, or null when it is malformed. Every id argument is
 * decoded here, and the raw id is a uuid, so nothing malformed is ever bound into SQL.
 */
export function decodeId(globalId: string): { typename: string; id: string } | null {
  const found = decoded(globalId);
  return found && isUuid(found.id) ? found : null;
}

/**
 * The raw id inside a global id of the expected type, or '' when the value is malformed or names
 * another type. Services treat '' like any unknown id (NOT_FOUND or BAD_USER_INPUT), so a bad id
 * never reveals whether something exists. Raw ids are uuids unless `accept` says otherwise (system
 * attributes are named by their name).
 */
export function rawId(globalId: string, typename: string, accept: (id: string) => boolean = isUuid): string {
  const found = decoded(globalId);
  return found && found.typename === typename && accept(found.id) ? found.id : '';
}

export function rawIds(globalIds: readonly string[], typename: string): string[] {
  return globalIds.map((id) => rawId(id, typename));
}

/**
 * An optional id argument: null when absent, BAD_USER_INPUT naming `field` when it is not an id
 * of `typename` (absent and malformed must never be confused: "no parent" means the top level).
 */
export function optionalRawId(globalId: string | null | undefined, typename: string, field: string): string | null {
  if (!globalId) return null;
  const id = rawId(globalId, typename);
  if (!id) throw badInput(field, `"${field}" is not the id of a ${typename.replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase()}`);
  return id;
}

import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { isUuid } from '../db/ids.ts';
import { badInput } from '../errors.ts';

export { encodeGlobalID };

/** Recently decoded global ids (a page or a dashboard sends the same ones again and again). */
const decodedIds = new Map<string, { typename: string; id: string } | null>();
const MAX_DECODED = 10_000;

/**
 * The type and raw id inside a global id, or null when it is malformed. Every id argument is
 * decoded here, and a raw id is always a uuid, so nothing malformed is ever bound into SQL.
 */
export function decodeId(globalId: string): { typename: string; id: string } | null {
  let decoded = decodedIds.get(globalId);
  if (decoded === undefined) {
    try {
      decoded = decodeGlobalID(globalId);
    } catch {
      decoded = null;
    }
    if (decoded && !isUuid(decoded.id)) decoded = null;
    if (globalId.length <= 200) {
      if (decodedIds.size >= MAX_DECODED) decodedIds.delete(decodedIds.keys().next().value!);
      decodedIds.set(globalId, decoded);
    }
  }
  return decoded;
}

/**
 * The raw id inside a global id of the expected type, or '' when the value is malformed or names
 * another type. Services treat '' like any unknown id (NOT_FOUND or BAD_USER_INPUT), so a bad id
 * never reveals whether something exists.
 */
export function rawId(globalId: string, typename: string): string {
  const decoded = decodeId(globalId);
  return decoded && decoded.typename === typename ? decoded.id : '';
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

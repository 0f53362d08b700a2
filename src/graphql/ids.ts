import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';

export { encodeGlobalID };

/**
 * The raw id inside a global id of the expected type, or '' when the value is malformed or names
 * another type. Services treat '' like any unknown id (NOT_FOUND or BAD_USER_INPUT), so a bad id
 * never reveals whether something exists.
 */
/** Recently decoded global ids (a page or a dashboard sends the same ones again and again). */
const decodedIds = new Map<string, { typename: string; id: string } | null>();
const MAX_DECODED = 10_000;

export function rawId(globalId: string, typename: string): string {
  let decoded = decodedIds.get(globalId);
  if (decoded === undefined) {
    try {
      decoded = decodeGlobalID(globalId);
    } catch {
      decoded = null;
    }
    if (globalId.length <= 200) {
      if (decodedIds.size >= MAX_DECODED) decodedIds.delete(decodedIds.keys().next().value!);
      decodedIds.set(globalId, decoded);
    }
  }
  return decoded && decoded.typename === typename ? decoded.id : '';
}

export function rawIds(globalIds: readonly string[], typename: string): string[] {
  return globalIds.map((id) => rawId(id, typename));
}

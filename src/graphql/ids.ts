import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';

export { encodeGlobalID };

/**
 * The raw id inside a global id of the expected type, or '' when the value is malformed or names
 * another type. Services treat '' like any unknown id (NOT_FOUND or BAD_USER_INPUT), so a bad id
 * never reveals whether something exists.
 */
export function rawId(globalId: string, typename: string): string {
  try {
    const decoded = decodeGlobalID(globalId);
    return decoded.typename === typename ? decoded.id : '';
  } catch {
    return '';
  }
}

export function rawIds(globalIds: readonly string[], typename: string): string[] {
  return globalIds.map((id) => rawId(id, typename));
}

import { v7 } from 'uuid';

/**
 * UUIDv7 (RFC 9562): time-ordered (and monotonic within a millisecond), so primary keys double as
 * a stable creation order and keyset pagination on `id` alone is both correct and index-friendly.
 */
export function uuidv7(): string {
  return v7();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

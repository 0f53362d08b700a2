import { defineEntity, p } from '@mikro-orm/core';
import { uuidv7 } from './ids.ts';

/** The key every table shares: a UUIDv7 made by the gateway, so an id exists before the insert. */
export const primaryId = () => p.uuid().primary().onCreate(() => uuidv7());

/** What every dated row has; abstract, so it has no table of its own. */
export const BaseEntity = defineEntity({
  name: 'BaseEntity',
  abstract: true,
  properties: {
    id: primaryId(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

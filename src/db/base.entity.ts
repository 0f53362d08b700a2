import { defineEntity, p } from '@mikro-orm/core';
import { uuidv7 } from './ids.ts';

/** The gateway's primary keys: UUIDv7 made in the process, so an entity has its id before the insert. */
export const primaryId = () =>
  p
    .uuid()
    .primary()
    .onCreate(() => uuidv7());

/** The id and creation date most tables share; abstract, so it has no table of its own. */
export const BaseEntity = defineEntity({
  name: 'BaseEntity',
  abstract: true,
  properties: {
    id: primaryId(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

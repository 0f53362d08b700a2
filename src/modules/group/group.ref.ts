import { builder } from '../../graphql/builder.ts';
import type { Group } from './group.entity.ts';

/** The Group type's reference, apart from its fields, so that other modules' types can point at it without importing them. */
export const GroupRef = builder.objectRef<Group>('Group');

import { builder } from '../../graphql/builder.ts';
import type { User } from './user.entity.ts';

/** The User type's reference, apart from its fields, so that other modules' types can point at it without importing them. */
export const UserRef = builder.objectRef<User>('User');

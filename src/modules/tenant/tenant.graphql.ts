import { builder } from '../../graphql/builder.ts';
import type { Tenant } from './tenant.entity.ts';

export const TenantRef = builder.objectRef<Tenant>('Tenant').implement({
  description: 'A customer workspace; everything belongs to exactly one',
  // Reached through `viewer`, which an enrollment-only session may read too.
  authScopes: { signedIn: true },
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
  }),
});

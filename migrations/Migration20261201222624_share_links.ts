import { Migration } from '@mikro-orm/migrations';

export class Migration20261201222624_share_links extends Migration {

  override name = 'Migration20261201222624_share_links';

  override up(): void | Promise<void> {
    this.addSql(`create table "shareable_links" ("id" uuid not null, "created_at" timestamptz not null, "tenant_id" uuid not null, "dashboard_id" uuid not null, "created_by_id" uuid null, "token_hash" varchar(64) not null, "password_hash" text null, "expires_at" timestamptz null, "row_restrictions" jsonb not null, "user_attributes" jsonb not null, "allow_export" boolean not null default false, "revoked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "shareable_links" add constraint "shareable_links_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "shareable_links_tenant_id_dashboard_id_id_index" on "shareable_links" ("tenant_id", "dashboard_id", "id");`);

    this.addSql(`create table "link_sessions" ("id" uuid not null, "created_at" timestamptz not null, "tenant_id" uuid not null, "link_id" uuid not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "link_sessions_link_id_index" on "link_sessions" ("link_id");`);
    this.addSql(`alter table "link_sessions" add constraint "link_sessions_token_hash_unique" unique ("token_hash");`);

    this.addSql(`alter table "shareable_links" add constraint "shareable_links_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`);
    this.addSql(`alter table "shareable_links" add constraint "shareable_links_dashboard_id_foreign" foreign key ("dashboard_id") references "dashboards" ("id") on delete cascade;`);
    this.addSql(`alter table "shareable_links" add constraint "shareable_links_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`);

    this.addSql(`alter table "link_sessions" add constraint "link_sessions_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`);
    this.addSql(`alter table "link_sessions" add constraint "link_sessions_link_id_foreign" foreign key ("link_id") references "shareable_links" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "link_sessions" drop constraint "link_sessions_link_id_foreign";`);

    this.addSql(`drop table if exists "shareable_links" cascade;`);
    this.addSql(`drop table if exists "link_sessions" cascade;`);
  }

}

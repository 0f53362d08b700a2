import { Migration } from '@mikro-orm/migrations';

export class Migration20261201221956_exports extends Migration {

  override name = 'Migration20261201221956_exports';

  override up(): void | Promise<void> {
    this.addSql(`create table "export_downloads" ("id" uuid not null, "created_at" timestamptz not null, "tenant_id" uuid not null, "token_hash" varchar(64) not null, "principal_kind" varchar(20) not null, "user_id" uuid null, "session_id" uuid null, "grant_source_id" uuid null, "grant" jsonb null, "plan" jsonb not null, "expires_at" timestamptz not null, "used_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "export_downloads" add constraint "export_downloads_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "export_downloads_tenant_expires_index" on "export_downloads" ("tenant_id", "expires_at");`);

    this.addSql(`alter table "export_downloads" add constraint "export_downloads_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "export_downloads" cascade;`);
  }

}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261201214256_embed_keys extends Migration {

  override name = 'Migration20261201214256_embed_keys';

  override up(): void | Promise<void> {
    this.addSql(`create table "embed_keys" ("id" uuid not null, "created_at" timestamptz not null, "tenant_id" uuid not null, "name" varchar(200) not null, "algorithm" text not null, "secret_ciphertext" text null, "public_key_jwk" jsonb null, "max_token_lifetime_seconds" int not null default 600, "revoked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "embed_keys_tenant_id_index" on "embed_keys" ("tenant_id", "id");`);

    this.addSql(`alter table "embed_keys" add constraint "embed_keys_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`);
    this.addSql(`alter table "embed_keys" add constraint "embed_keys_algorithm_check" check ("algorithm" in ('HS256', 'ES256', 'EdDSA'));`);
    this.addSql(`create or replace function "embed_keys_metadata_changed_fn"() returns trigger as $$ begin perform pg_notify('tessera_metadata', coalesce(new.tenant_id, old.tenant_id)::text); return null; end; $$ language plpgsql;`);
    this.addSql(`create trigger "metadata_changed" AFTER INSERT OR UPDATE OR DELETE on "embed_keys" for each ROW execute function "embed_keys_metadata_changed_fn"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "metadata_changed" on "embed_keys";`);
    this.addSql(`drop function if exists "embed_keys_metadata_changed_fn"();`);
    this.addSql(`drop table if exists "embed_keys" cascade;`);
  }

}

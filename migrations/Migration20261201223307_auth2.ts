import { Migration } from '@mikro-orm/migrations';

export class Migration20261201223307_auth2 extends Migration {

  override name = 'Migration20261201223307_auth2';

  override up(): void | Promise<void> {
    this.addSql(`create table "two_factor_secrets" ("id" uuid not null, "created_at" timestamptz not null, "tenant_id" uuid not null, "user_id" uuid not null, "secret_ciphertext" text not null, "confirmed_at" timestamptz null, "last_used_step" bigint not null default '0', primary key ("id"));`);
    this.addSql(`alter table "two_factor_secrets" add constraint "two_factor_secrets_user_id_unique" unique ("user_id");`);

    this.addSql(`create table "two_factor_recovery_codes" ("id" uuid not null, "created_at" timestamptz not null, "tenant_id" uuid not null, "user_id" uuid not null, "code_hash" varchar(64) not null, "used_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "two_factor_recovery_codes" add constraint "two_factor_recovery_codes_user_code_unique" unique ("user_id", "code_hash");`);

    this.addSql(`create table "password_resets" ("id" uuid not null, "created_at" timestamptz not null, "tenant_id" uuid not null, "user_id" uuid not null, "token_hash" varchar(64) not null, "requested_by_id" uuid null, "expires_at" timestamptz not null, "used_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "password_resets_user_id_index" on "password_resets" ("user_id");`);
    this.addSql(`alter table "password_resets" add constraint "password_resets_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "api_tokens" ("id" uuid not null, "created_at" timestamptz not null, "tenant_id" uuid not null, "user_id" uuid not null, "name" varchar(200) not null, "token_hash" varchar(64) not null, "prefix" varchar(16) not null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "api_tokens" add constraint "api_tokens_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "api_tokens_user_id_index" on "api_tokens" ("user_id", "id");`);

    this.addSql(`alter table "tenants" add "require_two_factor" boolean not null default false;`);

    this.addSql(`alter table "sessions" add "enrollment_only" boolean not null default false;`);

    this.addSql(`alter table "two_factor_secrets" add constraint "two_factor_secrets_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`);
    this.addSql(`alter table "two_factor_secrets" add constraint "two_factor_secrets_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);

    this.addSql(`alter table "two_factor_recovery_codes" add constraint "two_factor_recovery_codes_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`);
    this.addSql(`alter table "two_factor_recovery_codes" add constraint "two_factor_recovery_codes_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);

    this.addSql(`alter table "password_resets" add constraint "password_resets_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`);
    this.addSql(`alter table "password_resets" add constraint "password_resets_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "password_resets" add constraint "password_resets_requested_by_id_foreign" foreign key ("requested_by_id") references "users" ("id") on delete set null;`);

    this.addSql(`alter table "api_tokens" add constraint "api_tokens_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`);
    this.addSql(`alter table "api_tokens" add constraint "api_tokens_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "two_factor_secrets" cascade;`);
    this.addSql(`drop table if exists "two_factor_recovery_codes" cascade;`);
    this.addSql(`drop table if exists "password_resets" cascade;`);
    this.addSql(`drop table if exists "api_tokens" cascade;`);

    this.addSql(`alter table "sessions" drop column "enrollment_only";`);

    this.addSql(`alter table "tenants" drop column "require_two_factor";`);
  }

}

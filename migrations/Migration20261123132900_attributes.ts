import { Migration } from '@mikro-orm/migrations';

export class Migration20261123132900_attributes extends Migration {

  override name = 'Migration20261123132900_attributes';

  override up(): void | Promise<void> {
    this.addSql(`create table "user_attributes" ("id" uuid not null, "tenant_id" uuid not null, "name" varchar(63) not null, "type" text not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "user_attributes" add constraint "user_attributes_tenant_name_unique" unique ("tenant_id", "name");`);

    this.addSql(`create table "group_attribute_values" ("id" uuid not null, "tenant_id" uuid not null, "group_id" uuid not null, "attribute_id" uuid not null, "all_values" boolean not null default false, "values" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "group_attribute_values_attribute_id_index" on "group_attribute_values" ("attribute_id");`);
    this.addSql(`alter table "group_attribute_values" add constraint "group_attribute_values_group_attribute_unique" unique ("group_id", "attribute_id");`);

    this.addSql(`create table "user_attribute_values" ("id" uuid not null, "tenant_id" uuid not null, "user_id" uuid not null, "attribute_id" uuid not null, "mode" text not null, "values" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "user_attribute_values_attribute_id_index" on "user_attribute_values" ("attribute_id");`);
    this.addSql(`alter table "user_attribute_values" add constraint "user_attribute_values_user_attribute_unique" unique ("user_id", "attribute_id");`);

    this.addSql(`alter table "user_attributes" add constraint "user_attributes_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`);
    this.addSql(`alter table "user_attributes" add constraint "user_attributes_type_check" check ("type" in ('STRING', 'NUMBER', 'DATE', 'BOOLEAN'));`);

    this.addSql(`alter table "group_attribute_values" add constraint "group_attribute_values_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`);
    this.addSql(`alter table "group_attribute_values" add constraint "group_attribute_values_group_id_foreign" foreign key ("group_id") references "groups" ("id") on delete cascade;`);
    this.addSql(`alter table "group_attribute_values" add constraint "group_attribute_values_attribute_id_foreign" foreign key ("attribute_id") references "user_attributes" ("id") on delete cascade;`);

    this.addSql(`alter table "user_attribute_values" add constraint "user_attribute_values_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on delete cascade;`);
    this.addSql(`alter table "user_attribute_values" add constraint "user_attribute_values_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "user_attribute_values" add constraint "user_attribute_values_attribute_id_foreign" foreign key ("attribute_id") references "user_attributes" ("id") on delete cascade;`);
    this.addSql(`alter table "user_attribute_values" add constraint "user_attribute_values_mode_check" check ("mode" in ('MANUAL', 'ALL'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "group_attribute_values" drop constraint "group_attribute_values_attribute_id_foreign";`);
    this.addSql(`alter table "user_attribute_values" drop constraint "user_attribute_values_attribute_id_foreign";`);

    this.addSql(`drop table if exists "user_attributes" cascade;`);
    this.addSql(`drop table if exists "group_attribute_values" cascade;`);
    this.addSql(`drop table if exists "user_attribute_values" cascade;`);
  }

}

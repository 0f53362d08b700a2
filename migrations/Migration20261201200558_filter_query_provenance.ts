import { Migration } from '@mikro-orm/migrations';

export class Migration20261201200558_filter_query_provenance extends Migration {

  override name = 'Migration20261201200558_filter_query_provenance';

  override up(): void | Promise<void> {
    this.addSql(`alter table "dashboard_filters" add "queries_saved_by_id" uuid null, add "queries_saved_role" text null, add "queries_digest" varchar(64) null;`);
    this.addSql(`alter table "dashboard_filters" add constraint "dashboard_filters_queries_saved_by_id_foreign" foreign key ("queries_saved_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "dashboard_filters" add constraint "dashboard_filters_queries_saved_role_check" check ("queries_saved_role" in ('ADMIN', 'ANALYST', 'EXPLORER', 'VIEWER'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "dashboard_filters" drop constraint "dashboard_filters_queries_saved_by_id_foreign";`);

    this.addSql(`alter table "dashboard_filters" drop constraint "dashboard_filters_queries_saved_role_check";`);
    this.addSql(`alter table "dashboard_filters" drop column "queries_saved_by_id", drop column "queries_saved_role", drop column "queries_digest";`);
  }

}

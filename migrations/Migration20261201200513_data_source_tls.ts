import { Migration } from '@mikro-orm/migrations';

export class Migration20261201200513_data_source_tls extends Migration {

  override name = 'Migration20261201200513_data_source_tls';

  override up(): void | Promise<void> {
    this.addSql(`alter table "data_sources" add "ssl_mode" varchar(16) not null default 'DISABLE', add "ca_certificate" text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "data_sources" drop column "ssl_mode", drop column "ca_certificate";`);
  }

}

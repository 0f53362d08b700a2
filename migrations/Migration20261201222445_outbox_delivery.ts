import { Migration } from '@mikro-orm/migrations';

export class Migration20261201222445_outbox_delivery extends Migration {

  override name = 'Migration20261201222445_outbox_delivery';

  override up(): void | Promise<void> {
    this.addSql(`alter table "outbox_emails" add "failed_at" timestamptz null;`);
    this.addSql(`create index "outbox_emails_pending_index" on "outbox_emails" ("created_at") where "sent_at" is null and "failed_at" is null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "outbox_emails_pending_index";`);
    this.addSql(`alter table "outbox_emails" drop column "failed_at";`);
  }

}

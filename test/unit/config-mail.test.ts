import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

const load = (env: Record<string, string>) => loadConfig({ TESSERA_DEMO: '0', ...env }, '/tmp');

describe('mail configuration', () => {
  it('accepts smtp:// and smtps:// URLs, and leaves delivery off without SMTP_URL', () => {
    expect(load({}).smtpUrl).toBeUndefined();
    expect(load({ SMTP_URL: 'smtp://127.0.0.1:2525' }).smtpUrl).toBe('smtp://127.0.0.1:2525');
    expect(load({ SMTP_URL: ' smtps://user:pa%40ss@smtp.example.com:465 ' }).smtpUrl).toBe('smtps://user:pa%40ss@smtp.example.com:465');
    expect(load({}).mailMaxAttempts).toBe(8);
  });

  it('refuses other schemes and malformed URLs without echoing them (they may hold a password)', () => {
    for (const value of ['http://user:hunter2@mail.example.com', 'smtp//user:hunter2@mail', 'hunter2', 'smtp://user:hunter2@']) {
      let error: unknown;
      try {
        load({ SMTP_URL: value });
      } catch (caught) {
        error = caught;
      }
      expect(error, value).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/^SMTP_URL must/);
      expect((error as Error).message).not.toContain('hunter2');
    }
  });

  it('derives the From address from the public URL, or takes TESSERA_MAIL_FROM', () => {
    expect(load({ TESSERA_PUBLIC_URL: 'https://bi.example.com' }).mailFrom).toBe('Tessera <no-reply@bi.example.com>');
    expect(load({}).mailFrom).toBe('Tessera <no-reply@localhost>');
    expect(load({ TESSERA_MAIL_FROM: 'BI <bi@example.com>' }).mailFrom).toBe('BI <bi@example.com>');
    expect(() => load({ TESSERA_MAIL_FROM: 'not an address' })).toThrow(/TESSERA_MAIL_FROM/);
    expect(() => load({ TESSERA_MAIL_FROM: 'a@example.com\r\nBcc: x@example.com' })).toThrow(/TESSERA_MAIL_FROM/);
  });
});

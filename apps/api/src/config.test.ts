import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('refuses a bad value with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '0' })).toThrow(/SESSION_IDLE_MINUTES/);
  });

  it('turns demo mode on for the embedded database and off for a server unless asked', () => {
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://a@b/c' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://a@b/c', ATENSI_DEMO: '1' }).demo).toBe(true);
    expect(loadConfig({ ATENSI_DEMO: '0' }).demo).toBe(false);
  });

  it('makes the cookie Secure outside development', () => {
    expect(loadConfig({}).cookieSecure).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development' }).cookieSecure).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development', COOKIE_SECURE: '1' }).cookieSecure).toBe(true);
  });

  it('uses port 3000 by default, and treats an empty variable as unset', () => {
    expect(loadConfig({}).PORT).toBe(3000);
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).demo).toBe(true);
  });
});

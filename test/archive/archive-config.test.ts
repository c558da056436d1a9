// The archive's configuration: which engine, and when it is on.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';

describe('archive configuration', () => {
  it('is on by default, off under NODE_ENV=test unless asked for', () => {
    expect(loadConfig({}).archiveEnabled).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).archiveEnabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', ARCHIVE_ENABLED: 'true' }).archiveEnabled).toBe(true);
    expect(loadConfig({ ARCHIVE_ENABLED: 'false' }).archiveEnabled).toBe(false);
    expect(loadConfig({}).ARCHIVE_DIR).toBe('./.redress/archive');
  });

  it('refuses a DATABASE_URL that is not a PostgreSQL URL, naming the key', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://db/redress' })).toThrow(/DATABASE_URL: a PostgreSQL URL/);
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/redress' }).DATABASE_URL).toBe('postgres://u:p@db:5432/redress');
  });
});

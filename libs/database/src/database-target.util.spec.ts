import { describeDatabase } from './database-target.util';

describe('describeDatabase', () => {
  it.each([undefined, ''])('says the embedded sql.js is used when DATABASE_URL is %p', (url) => {
    expect(describeDatabase(url)).toBe(
      'embedded sql.js (in memory; data is lost on exit; set DATABASE_URL for PostgreSQL)',
    );
  });

  it.each([
    ['postgres://db.internal:5433/orders', 'PostgreSQL at db.internal:5433/orders'],
    ['postgresql://db.internal/orders', 'PostgreSQL at db.internal:5432/orders'],
    ['postgres://db.internal', 'PostgreSQL at db.internal:5432'],
  ])('describes %s as host, port and database', (url, description) => {
    expect(describeDatabase(url)).toBe(description);
  });

  it.each([
    'postgres://orders_app:s3cr3t-pw@db.internal:5433/orders',
    'postgres://orders_app@db.internal:5433/orders?password=s3cr3t-pw&sslmode=require',
    'postgresql://orders_app:s3cr3t%40pw@db.internal:5433/orders',
  ])('never shows user, password or query of %s', (url) => {
    const description = describeDatabase(url);
    expect(description).toBe('PostgreSQL at db.internal:5433/orders');
    expect(description).not.toMatch(/s3cr3t|orders_app|sslmode/);
  });

  it('names an unparsable URL without echoing it', () => {
    const description = describeDatabase('postgres//orders_app:s3cr3t-pw@db/orders');
    expect(description).toBe('PostgreSQL (DATABASE_URL is not a valid URL)');
    expect(description).not.toContain('s3cr3t');
  });
});

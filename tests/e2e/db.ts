// Reading the server's SQLite database from a test with the sqlite3 CLI
// (scripts/install-tools --test installs it): what was really stored, not what the
// app says. The server keeps the file in WAL mode, so reading while it runs is safe.
//
//   expect(countRows(server.dbPath, 'SELECT COUNT(*) FROM sign_ups')).toBe(1);

import { execFileSync } from 'node:child_process';

/** The output of one SQL statement, trimmed; waits up to 5 s for a lock. */
export function sqlite(dbPath: string, sql: string): string {
  return execFileSync('sqlite3', ['-cmd', '.timeout 5000', dbPath, sql], { encoding: 'utf8' }).trim();
}

/** The single number a `SELECT COUNT(*) …` (or any one-value query) gives. */
export function countRows(dbPath: string, sql: string): number {
  const text = sqlite(dbPath, sql);
  const count = Number(text);
  if (text === '' || !Number.isInteger(count)) {
    throw new Error(`\`${sql}\` did not give one whole number but "${text}"`);
  }
  return count;
}

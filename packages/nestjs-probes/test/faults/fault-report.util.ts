import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FaultRow {
  server: string;
  fault: string;
  critical: boolean;
  /** From the fault to readiness showing it; undefined when the fault is too brief to show. */
  detectMs?: number;
  /** From the server answering again to readiness back at 200 up; undefined when not applicable. */
  recoverMs?: number;
  /** The slowest probe answer seen during the fault. */
  slowestProbeMs?: number;
}

/**
 * Collects each row's figures and, after the file's tests, prints them and writes them as JSON to
 * `$FAULT_MATRIX_REPORT` (or the temp dir), where docs/fault-matrix.md takes them from.
 */
export class FaultReport {
  private readonly rows: FaultRow[] = [];

  constructor(private readonly name: string) {}

  add(row: FaultRow): void {
    this.rows.push(row);
  }

  write(): void {
    if (this.rows.length === 0) return;
    const directory = process.env.FAULT_MATRIX_REPORT ?? tmpdir();
    const file = join(directory, `fault-matrix-${this.name}.json`);
    writeFileSync(file, JSON.stringify(this.rows, null, 2));
    const ms = (value?: number) => (value === undefined ? '-' : `${Math.round(value)} ms`);
    const lines = this.rows.map(
      (row) =>
        `${row.server} | ${row.fault} | ${row.critical ? 'critical' : 'non-critical'} | detect ${ms(row.detectMs)} | recover ${ms(row.recoverMs)} | slowest probe ${ms(row.slowestProbeMs)}`,
    );
    process.stdout.write(
      `\nFault matrix (${this.name}), written to ${file}:\n${lines.join('\n')}\n`,
    );
  }
}

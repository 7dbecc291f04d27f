/** One line of a suite's table: a label and its figures, keyed by column name (the name carries the unit). */
export interface BenchRow {
  label: string;
  figures: Record<string, number>;
}

export interface SuiteResult {
  rows: BenchRow[];
  /** Sentences that say how to read the rows: what was measured, what was left out. */
  notes: string[];
}

/** What the runner hands every suite. */
export interface BenchContext {
  /** Seconds of measured load per target, after the warm-up. */
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  /** A fresh directory for this suite's files; removed after the run. */
  workDir: string;
  /** Progress lines for the person watching; not part of the results. */
  log(line: string): void;
}

export interface BenchSuite {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<SuiteResult>;
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  platform: string;
  node: string;
  /** The 1-minute load average when the run began: above the core count, other work shared the CPUs. */
  loadAverage: number;
}

export interface BenchReport {
  date: string;
  machine: MachineInfo;
  settings: { durationSeconds: number; warmupSeconds: number; connections: number };
  suites: Array<{ name: string; description: string } & SuiteResult>;
}

/** A figure rounded for people: three significant digits, at most two decimals. */
export function roundFigure(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const digits = Math.max(0, Math.min(2, 2 - Math.floor(Math.log10(Math.abs(value)))));
  return Number(value.toFixed(digits));
}

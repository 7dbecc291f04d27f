import { cpus, loadavg, platform, release, totalmem } from "node:os";
import { type BenchReport, type BenchRow, type MachineInfo, roundFigure } from "./suite.ts";

export function describeMachine(): MachineInfo {
  const cores = cpus();
  return {
    cpus: cores.length,
    cpuModel: cores[0]?.model.trim() ?? "unknown",
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${platform()} ${release()}`,
    node: process.version,
    loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}

/** The column names of a table: every figure name in the order the rows first use them. */
function columnsOf(rows: BenchRow[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row.figures)) seen.add(key);
  return [...seen];
}

function cells(rows: BenchRow[], columns: string[]): string[][] {
  return rows.map((row) => [
    row.label,
    ...columns.map((c) => {
      const value = row.figures[c];
      return value === undefined ? "" : String(roundFigure(value));
    }),
  ]);
}

/** A plain-text table for the terminal, numbers right-aligned. */
export function formatTable(rows: BenchRow[]): string {
  const columns = columnsOf(rows);
  const lines = [["", ...columns], ...cells(rows, columns)];
  const widths = lines[0]?.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? "").length))) ?? [];
  return lines
    .map((line) =>
      line
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

function markdownTable(rows: BenchRow[]): string {
  const columns = columnsOf(rows);
  const head = `| | ${columns.join(" | ")} |`;
  const rule = `| --- | ${columns.map(() => "---:").join(" | ")} |`;
  const body = cells(rows, columns).map((line) => `| ${line.join(" | ")} |`);
  return [head, rule, ...body].join("\n");
}

/** BENCH_RESULTS.md: the figures of one complete run, with the machine and settings they came from. */
export function renderMarkdown(report: BenchReport): string {
  const { machine, settings } = report;
  const parts = [
    "# Benchmark results",
    "",
    "Written by `npm run bench` (bench/run.ts) after a complete run; do not edit by hand.",
    "",
    `- Date: ${report.date}`,
    `- Machine: ${machine.cpus} CPU cores (${machine.cpuModel}), ${machine.memoryGb} GB RAM, ${machine.platform}`,
    `- Node.js: ${machine.node}`,
    `- Load average when the run began: ${machine.loadAverage} on ${machine.cpus} cores${machine.loadAverage > machine.cpus * 0.5 ? " (other work was running: read the figures as rough)" : ""}`,
    `- Load: autocannon, ${settings.connections} connections, ${settings.warmupSeconds} s warm-up then ${settings.durationSeconds} s measured per target (\`BENCH_DURATION\`, \`BENCH_WARMUP\` override)`,
  ];
  for (const suite of report.suites) {
    parts.push("", `## ${suite.name}`, "", `${suite.description}.`, "", markdownTable(suite.rows));
    if (suite.notes.length > 0) parts.push("", ...suite.notes.map((n) => `- ${n}`));
  }
  return `${parts.join("\n")}\n`;
}

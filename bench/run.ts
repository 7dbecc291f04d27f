// `npm run bench [-- suite-name ...]`: runs the suites, prints their tables, saves the figures.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { describeMachine, formatTable, renderMarkdown } from "./lib/report.ts";
import type { BenchContext, BenchReport } from "./lib/suite.ts";
import { suites } from "./suites/index.ts";

const CONNECTIONS = 10;

const BenchEnv = z.object({
  BENCH_DURATION: z.coerce.number().int().min(1).max(300).default(10),
  BENCH_WARMUP: z.coerce.number().int().min(0).max(60).default(2),
});
type BenchEnv = z.infer<typeof BenchEnv>;

const root = fileURLToPath(new URL("..", import.meta.url));

function readEnv(): BenchEnv {
  const present = Object.fromEntries(
    Object.entries(process.env).filter(([k, v]) => k.startsWith("BENCH_") && v !== undefined && v !== ""),
  );
  const parsed = BenchEnv.safeParse(present);
  if (!parsed.success) throw new Error(`Bad bench settings:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

function chooseSuites(names: string[]): typeof suites {
  if (names.length === 0) return suites;
  const known = new Map(suites.map((s) => [s.name, s]));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw new Error(`No suite named ${unknown.join(", ")}; the suites are: ${[...known.keys()].join(", ")}`);
  }
  return suites.filter((s) => names.includes(s.name));
}

async function main(): Promise<void> {
  const env = readEnv();
  const names = process.argv.slice(2).filter((a) => a !== "--");
  const chosen = chooseSuites(names);
  const report: BenchReport = {
    date: new Date().toISOString(),
    machine: describeMachine(),
    settings: {
      durationSeconds: env.BENCH_DURATION,
      warmupSeconds: env.BENCH_WARMUP,
      connections: CONNECTIONS,
    },
    suites: [],
  };
  const { machine } = report;
  process.stdout.write(
    `VendorVet bench: ${chosen.map((s) => s.name).join(", ")}\n` +
      `${machine.cpus} cores (${machine.cpuModel}), load average ${machine.loadAverage}, Node ${machine.node}, ` +
      `${CONNECTIONS} connections, ${env.BENCH_WARMUP} s warm-up + ${env.BENCH_DURATION} s per target\n`,
  );

  const workRoot = await mkdtemp(join(tmpdir(), "vendorvet-bench-"));
  try {
    for (const suite of chosen) {
      const ctx: BenchContext = {
        durationSeconds: env.BENCH_DURATION,
        warmupSeconds: env.BENCH_WARMUP,
        connections: CONNECTIONS,
        workDir: await mkdtemp(join(workRoot, `${suite.name}-`)),
        log: (line) => process.stdout.write(`  [${suite.name}] ${line}\n`),
      };
      process.stdout.write(`\n${suite.name}: ${suite.description}\n`);
      const result = await suite.run(ctx);
      report.suites.push({ name: suite.name, description: suite.description, ...result });
      process.stdout.write(`\n${formatTable(result.rows)}\n`);
      for (const note of result.notes) process.stdout.write(`  - ${note}\n`);
    }
  } finally {
    await rm(workRoot, { recursive: true, force: true });
  }

  const jsonPath = join(root, ".tmp", "bench", "latest.json");
  await mkdir(join(root, ".tmp", "bench"), { recursive: true });
  await writeFile(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\nFigures saved to ${jsonPath}\n`);
  // Only a complete run replaces the committed figures, so they always come from one run on one machine.
  if (chosen.length === suites.length) {
    await writeFile(join(root, "BENCH_RESULTS.md"), renderMarkdown(report));
    process.stdout.write("BENCH_RESULTS.md updated\n");
  } else {
    process.stdout.write("BENCH_RESULTS.md left as it was (only a run of every suite replaces it)\n");
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

import { join } from "node:path";
import { unzipSync } from "fflate";
import { createApp } from "../../src/app.ts";
import { cliActor } from "../../src/auth/roles.ts";
import { createApiToken } from "../../src/auth/token-service.ts";
import { loadConfig } from "../../src/config.ts";
import { createDb, type Db, openSqlite } from "../../src/db/connection.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { buildDpaExport } from "../../src/dpa/dpa-export.ts";
import { canonicalJson, inputsFingerprint } from "../../src/dpa/dpa-fingerprint.ts";
import { gatherDpaInputs } from "../../src/dpa/dpa-inputs-gather.ts";
import { findDpaPdf, insertDpaVersion } from "../../src/dpa/dpa-queries.ts";
import { generateDpa } from "../../src/dpa/dpa-service.ts";
import { createLogMailer } from "../../src/mail/mailer.ts";
import { updateSettings } from "../../src/settings/settings-service.ts";
import { createMemoryLogger } from "../../src/shared/logger.ts";
import { fixedClock, sha256Hex, ulidGenerator } from "../../src/shared/runtime.ts";
import type { ServiceContext } from "../../src/shared/service-context.ts";
import { createUser } from "../../src/users/user-service.ts";
import { addProcessingRecord, addSubprocessor } from "../../src/vendors/register-service.ts";
import { changeVendorStatus, createVendor } from "../../src/vendors/vendor-service.ts";
import { percentile } from "../lib/load.ts";
import { createRandom, type Random } from "../lib/random.ts";
import type { BenchContext, BenchRow, BenchSuite, SuiteResult } from "../lib/suite.ts";

const VENDORS = 500;
const RUNS = 7;
const NAMES = [
  "Łódź Logistics",
  "Müller Hosting",
  "Ελληνικά Δεδομένα",
  "Acme Analytics",
  "Nordic Mail",
  "Dublin Print",
];
const COUNTRIES = ["DE", "FR", "IE", "PL", "US", "GB", "CH", "IN"] as const;

/** One approved vendor with one or two data-sharing records and up to three sub-processors, from a fixed seed. */
async function seedVendor(ctx: ServiceContext, random: Random, n: number): Promise<string> {
  const country = random.pick(COUNTRIES);
  const vendor = await createVendor(ctx, {
    name: `${random.pick(NAMES)} ${String(n).padStart(3, "0")}`,
    legalName: `${random.pick(NAMES)} ${n} Ltd`,
    registeredAddress: `${n} Example Street`,
    country,
    businessCriticality: random.pick(["low", "medium", "high"] as const),
    ccpaServiceProvider: random.chance(0.3),
    contacts: [{ name: "Privacy Lead", email: `privacy${n}@vendor.example`, role: "privacy" }],
  });
  const records = 1 + Math.floor(random.next() * 2);
  for (let r = 0; r < records; r++) {
    const health = random.chance(0.2);
    await addProcessingRecord(ctx, vendor.id, {
      purpose: health
        ? `Service ${r + 1} for vendor ${n}: occupational health referrals`
        : `Service ${r + 1} for vendor ${n}: handling customer requests and billing`,
      legalBasis: "contract",
      dataCategories: health ? ["identity", "health"] : ["identity", "contact"],
      ...(health ? { art9Condition: "health_social_care" as const } : {}),
      dataSubjects: [health ? "employees" : "customers"],
      subjectCount: 1000 * (n + 1),
      retention: "24 months",
      frequency: "continuous",
      access: "stores",
      locations:
        country === "US"
          ? [{ country, mechanism: "scc", sccModule: 2 }]
          : [{ country: "DE", mechanism: "none" }],
    });
  }
  const subs = Math.floor(random.next() * 4);
  for (let s = 0; s < subs; s++)
    await addSubprocessor(ctx, vendor.id, {
      name: `Sub-processor ${s + 1} of ${n}`,
      service: "Hosting",
      country: s === 0 ? "US" : "IE",
      mechanism: s === 0 ? "scc" : "none",
      ...(s === 0 ? { sccModule: 3 as const } : {}),
      dpfCertified: false,
      canadaCommercial: false,
      processingIds: [],
    });
  for (const status of ["under_review", "approved"] as const)
    await changeVendorStatus(ctx, vendor.id, { status });
  return vendor.id;
}

/** Stores a version with gathered inputs and borrowed bytes: the fast seed, announced in the notes. */
async function storeWithBorrowedBytes(ctx: ServiceContext, vendorId: string, pdf: Buffer, pages: number) {
  const inputs = await gatherDpaInputs(ctx.db, vendorId, "2026-03-02");
  const id = ctx.newId();
  await insertDpaVersion(ctx.db, {
    id,
    vendor_id: vendorId,
    version: 1,
    status: "generated",
    inputs: canonicalJson(inputs),
    inputs_hash: inputsFingerprint(inputs),
    pdf,
    sha256: sha256Hex(pdf),
    size: pdf.byteLength,
    pages,
    created_by: "bench",
    created_at: ctx.clock.now().toISOString(),
    sent_at: null,
    signed_pdf: null,
    signed_sha256: null,
    signed_on: null,
    signed_uploaded_by: null,
    signed_uploaded_at: null,
    superseded_at: null,
  });
}

async function seed(db: Db, path: string, renderAll: boolean, log: (line: string) => void) {
  const ctx: ServiceContext = {
    db,
    config: loadConfig({ DATABASE_PATH: path }),
    clock: fixedClock("2026-03-02T09:00:00.000Z"),
    newId: ulidGenerator,
    actor: cliActor,
  };
  await updateSettings(ctx, {
    legalName: "Bench Insurance SE",
    country: "IE",
    governingLaw: "IE",
    courts: "IE",
  });
  const random = createRandom(7);
  const generateMs = new Float64Array(renderAll ? VENDORS : 1);
  let borrowed: { pdf: Buffer; pages: number } | undefined;
  for (let n = 0; n < VENDORS; n++) {
    const vendorId = await seedVendor(ctx, random, n);
    if (renderAll || !borrowed) {
      const started = performance.now();
      const made = await generateDpa(ctx, vendorId);
      generateMs[n] = performance.now() - started;
      const stored = await findDpaPdf(db, made.documentId);
      if (stored) borrowed = { pdf: stored.pdf, pages: made.pages };
    } else await storeWithBorrowedBytes(ctx, vendorId, borrowed.pdf, borrowed.pages);
    if ((n + 1) % 50 === 0) log(`  ${n + 1} vendors with a DPA`);
  }
  return { generateMs: generateMs.sort(), ctx };
}

async function runSuite(ctx: BenchContext): Promise<SuiteResult> {
  const renderAll = process.env.BENCH_DPA_RENDER !== "one";
  const path = join(ctx.workDir, "dpa-export.db");
  const db = createDb(openSqlite(path));
  try {
    await migrateToLatest(db);
    ctx.log(
      `seeding ${VENDORS} approved vendors, ${renderAll ? "each DPA generated and rendered" : "one DPA rendered, its bytes reused"}`,
    );
    const seeded = await seed(db, path, renderAll, ctx.log);
    const logger = createMemoryLogger();
    const app = createApp({ ...seeded.ctx, mailer: createLogMailer(logger), logger });
    const admin = await createUser(seeded.ctx, { email: "bench@example.test", name: "Bench", role: "admin" });
    const token = await createApiToken(seeded.ctx, { name: "bench", userId: admin.id });
    const headers = { Authorization: `Bearer ${token.token}` };

    const service = new Float64Array(RUNS);
    const http = new Float64Array(RUNS);
    let size = 0;
    let files = 0;
    for (let i = 0; i < RUNS; i++) {
      let started = performance.now();
      const exported = await buildDpaExport(db);
      service[i] = performance.now() - started;
      started = performance.now();
      const res = await app.request("/api/v1/dpa/export.zip", { headers });
      const bytes = new Uint8Array(await res.arrayBuffer());
      http[i] = performance.now() - started;
      size = bytes.byteLength;
      files = exported.files.length;
      if (res.status !== 200) throw new Error(`export answered ${res.status}`);
    }
    const entries = Object.keys(
      unzipSync(
        new Uint8Array(await (await app.request("/api/v1/dpa/export.zip", { headers })).arrayBuffer()),
      ),
    );
    if (entries.length !== VENDORS + 1) throw new Error(`the ZIP has ${entries.length} entries`);
    const mb = size / 1024 / 1024;
    const rows: BenchRow[] = [
      {
        label: "buildDpaExport (query + ZIP)",
        figures: {
          "median ms": percentile(service.sort(), 0.5),
          "max ms": Math.max(...service),
          MB: mb,
          PDFs: files,
        },
      },
      {
        label: "GET /api/v1/dpa/export.zip",
        figures: {
          "median ms": percentile(http.sort(), 0.5),
          "max ms": Math.max(...http),
          MB: mb,
          PDFs: files,
        },
      },
    ];
    if (renderAll)
      rows.push({
        label: "seed: generateDpa per vendor",
        figures: { "median ms": percentile(seeded.generateMs, 0.5), "max ms": seeded.generateMs.at(-1) ?? 0 },
      });
    return {
      rows,
      notes: [
        `${VENDORS} approved vendors (1-2 data-sharing records, 0-3 sub-processors, fixed seed), each with a DPA made by generateDpa on a database file; ${RUNS} exports timed one after the other in this process.`,
        renderAll
          ? "Every DPA was rendered by the real pipeline (buildDpaDocument + renderDpaPdf); the ZIP holds 500 distinct PDFs."
          : "BENCH_DPA_RENDER=one: ONE DPA was rendered and its bytes were reused for the other 499 versions (inputs still gathered per vendor), to seed fast; the ZIP's size and timing are those of 500 copies of that PDF.",
        "PDFs are stored in the ZIP without recompression (they are compressed already); README.txt lists every file with its SHA-256.",
      ],
    };
  } finally {
    await db.destroy();
  }
}

export const dpaExport: BenchSuite = {
  name: "dpa-export",
  description: `ZIP export of the current DPAs of ${VENDORS} approved vendors`,
  run: runSuite,
};

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  checkEvidenceFile,
  EvidenceRejectedError,
  MAX_EVIDENCE_BYTES,
} from "../../src/evidence/evidence-types.ts";
import { sha256Hex } from "../../src/shared/runtime.ts";
import { openLink, type PortalFixture, type PortalVisit, portalFixture } from "../portal/portal-fixture.ts";
import {
  sampleDocx,
  sampleHtml,
  sampleJpeg,
  samplePdf,
  samplePng,
  sampleXlsx,
  zipOf,
} from "./sample-files.ts";

let f: PortalFixture;
let visit: PortalVisit;
let assessmentId: string;

beforeEach(async () => {
  f = await portalFixture();
  const sent = await f.send();
  assessmentId = sent.assessmentId;
  visit = await openLink(f.t, sent.secrets[0] ?? "");
});
afterEach(() => f.close());

async function upload(
  file: Uint8Array,
  name: string,
  fields: Record<string, string> = {},
  claimedType = "application/pdf",
): Promise<Response> {
  const form = new FormData();
  form.set("_csrf", visit.csrf);
  form.set("questionId", fields.questionId ?? "policy-doc");
  form.set("sectionId", "basics");
  for (const [k, v] of Object.entries(fields)) if (k !== "questionId") form.set(k, v);
  form.set("file", new File([file], name, { type: claimedType }));
  return f.t.app.request("/portal/assessment/evidence", {
    method: "POST",
    body: form,
    headers: { cookie: visit.cookie },
  });
}

async function files() {
  return f.t.deps.db
    .selectFrom("evidence_files")
    .selectAll()
    .where("assessment_id", "=", assessmentId)
    .execute();
}

describe("files are recognised by their content", () => {
  it.each([
    ["a PDF", samplePdf(), "application/pdf"],
    ["a PNG image", samplePng(), "image/png"],
    ["a JPEG image", sampleJpeg(), "image/jpeg"],
    [
      "a Word document",
      sampleDocx(),
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ],
    ["an Excel workbook", sampleXlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
  ])("accepts %s", async (_name, bytes, type) => {
    expect(await checkEvidenceFile(bytes)).toBe(type);
  });

  it.each([
    ["an HTML page", sampleHtml()],
    ["a plain ZIP archive", zipOf({ "notes.txt": "hello" })],
    ["plain text", new TextEncoder().encode("just some words")],
    [
      "an SVG image (it can carry script)",
      new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'),
    ],
  ])("refuses %s with 415", async (_name, bytes) => {
    await expect(checkEvidenceFile(bytes)).rejects.toMatchObject({ status: 415 });
  });

  it("refuses a file one byte over 25 MB with 413", async () => {
    const big = new Uint8Array(MAX_EVIDENCE_BYTES + 1);
    big.set(samplePdf());
    const err = await checkEvidenceFile(big).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EvidenceRejectedError);
    expect((err as EvidenceRejectedError).status).toBe(413);
  });
});

describe("a vendor uploads evidence", () => {
  it("stores a PDF under a random name with its SHA-256, links it to the answer and audits it", async () => {
    await f.t.app.request("/portal/assessment/sections/basics", { headers: { cookie: visit.cookie } });
    const pdf = samplePdf("policy");
    const res = await upload(pdf, "Security policy.pdf", {
      kind: "policy_document",
      expiresOn: "2027-01-31",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/portal/assessment/sections/basics?done=uploaded#q-policy-doc");
    const [row] = await files();
    expect(row).toMatchObject({
      original_name: "Security policy.pdf",
      media_type: "application/pdf",
      size: pdf.byteLength,
      sha256: sha256Hex(pdf),
      kind: "policy_document",
      expires_on: "2027-01-31",
    });
    expect(row?.stored_name).toMatch(/^[a-f0-9]{32}$/);
    expect(readdirSync(f.t.deps.config.uploadDir)).toContain(row?.stored_name);
    expect(readFileSync(join(f.t.deps.config.uploadDir, row?.stored_name ?? ""))).toEqual(Buffer.from(pdf));

    const answer = await f.t.deps.db
      .selectFrom("answers")
      .selectAll()
      .where("assessment_id", "=", assessmentId)
      .where("question_id", "=", "policy-doc")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(answer.value ?? "null")).toEqual({ fileIds: [row?.id], expiresOn: "2027-01-31" });
    const audit = await f.t.deps.db
      .selectFrom("audit_events")
      .select(["action", "actor_type"])
      .where("entity_id", "=", assessmentId)
      .execute();
    expect(audit).toContainEqual({ action: "evidence.upload", actor_type: "vendor_link" });
    expect(audit).toContainEqual({ action: "assessment.start", actor_type: "vendor_link" });

    const page = await (
      await f.t.app.request("/portal/assessment/sections/basics", { headers: { cookie: visit.cookie } })
    ).text();
    expect(page).toContain("Security policy.pdf");
  });

  it("refuses an HTML page named report.pdf and sent as application/pdf, saying why", async () => {
    const res = await upload(sampleHtml(), "report.pdf");
    expect(res.status).toBe(415);
    const html = await res.text();
    expect(html).toContain("whatever its name says");
    expect(html).toContain('id="up-error-policy-doc"');
    expect(await files()).toEqual([]);
    expect(existsSync(f.t.deps.config.uploadDir) ? readdirSync(f.t.deps.config.uploadDir) : []).toEqual([]);
  });

  it("refuses a file over 25 MB with 413 and keeps nothing", async () => {
    const big = new Uint8Array(MAX_EVIDENCE_BYTES + 1);
    big.set(samplePdf());
    const res = await upload(big, "huge.pdf");
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("25 MB");
    expect(await files()).toEqual([]);
  });

  it("refuses a body announced as far too large before reading it", async () => {
    const res = await f.t.app.request("/portal/assessment/evidence", {
      method: "POST",
      headers: {
        cookie: visit.cookie,
        "content-type": "multipart/form-data; boundary=x",
        "content-length": String(60 * 1024 * 1024),
      },
      body: "--x--",
    });
    expect(res.status).toBe(413);
  });

  it("attaches a file to an ordinary answer without changing the answer", async () => {
    const res = await upload(
      samplePng(),
      "diagram.png",
      { questionId: "hosting", kind: "other" },
      "image/png",
    );
    expect(res.status).toBe(303);
    const [row] = await files();
    expect(row).toMatchObject({ question_id: "hosting", media_type: "image/png" });
    const answer = await f.t.deps.db
      .selectFrom("answers")
      .selectAll()
      .where("question_id", "=", "hosting")
      .executeTakeFirst();
    expect(answer).toBeUndefined();
  });

  it("refuses a kind of document the question does not ask for", async () => {
    const res = await upload(samplePdf(), "x.pdf", { kind: "soc2_report" });
    expect(res.status).toBe(400);
    expect(await files()).toEqual([]);
  });

  it("lets the vendor remove their upload before submitting, deleting the bytes", async () => {
    await upload(samplePdf(), "old.pdf", { kind: "other" });
    const [row] = await files();
    const res = await f.t.app.request(`/portal/assessment/evidence/${row?.id}/remove`, {
      method: "POST",
      headers: { cookie: visit.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: visit.csrf }),
    });
    expect(res.status).toBe(303);
    const [after] = await files();
    expect(after?.deleted_at).not.toBeNull();
    expect(readdirSync(f.t.deps.config.uploadDir)).not.toContain(row?.stored_name);
    const answer = await f.t.deps.db
      .selectFrom("answers")
      .selectAll()
      .where("question_id", "=", "policy-doc")
      .executeTakeFirstOrThrow();
    expect(answer.value).toBeNull();
    const gone = await f.t.app.request(`/portal/assessment/evidence/${row?.id}`, {
      headers: { cookie: visit.cookie },
    });
    expect(gone.status).toBe(404);
  });
});

describe("downloading evidence", () => {
  async function uploaded() {
    await upload(samplePdf("download"), "Résumé <script>.pdf", { kind: "other" });
    const [row] = await files();
    if (!row) throw new Error("no upload");
    return row;
  }

  function expectSafeDownload(res: Response) {
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="R_sum_ _script_.pdf"; filename\*=UTF-8''R%C3%A9sum%C3%A9%20%3Cscript%3E.pdf$/,
    );
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toMatch(/^sandbox/);
  }

  it("gives the vendor their own file as an attachment", async () => {
    const row = await uploaded();
    const res = await f.t.app.request(`/portal/assessment/evidence/${row.id}`, {
      headers: { cookie: visit.cookie },
    });
    expectSafeDownload(res);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(samplePdf("download"));
  });

  it("gives staff with any role the file through the API and the staff pages", async () => {
    const row = await uploaded();
    const api = await f.t.app.request(`/api/v1/assessments/${assessmentId}/evidence/${row.id}`, {
      headers: await f.t.bearer("viewer"),
    });
    expectSafeDownload(api);
    const viewer = await f.t.addUser("viewer");
    const session = await f.t.signIn(viewer.email);
    const page = await f.t.app.request(`/assessments/${assessmentId}/evidence/${row.id}`, {
      headers: { cookie: session.cookie },
    });
    expectSafeDownload(page);
  });

  it("answers 404 for a file of another assessment and 401 without credentials", async () => {
    const row = await uploaded();
    const other = await f.send();
    const wrong = await f.t.app.request(`/api/v1/assessments/${other.assessmentId}/evidence/${row.id}`, {
      headers: await f.t.bearer("admin"),
    });
    expect(wrong.status).toBe(404);
    const anonymous = await f.t.app.request(`/api/v1/assessments/${assessmentId}/evidence/${row.id}`);
    expect(anonymous.status).toBe(401);
  });
});

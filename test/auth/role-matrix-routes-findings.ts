import { samplePdf } from "../evidence/sample-files.ts";
import { EVERYONE, PRIVACY, PROCURE, type RouteRule } from "./role-matrix-rules.ts";

/**
 * Who may use the finding and DPA routes, written out by hand from the product's rules (not read from the
 * code), so a route whose declared access drifts fails the role matrix.
 */
const finding = {
  vendorId: ":vendorId",
  severity: "high",
  title: "Backups are not encrypted",
  recommendation: "Ask the vendor to encrypt its backups.",
};
const plan = { plan: "Encrypt every backup by the end of April", targetDate: "2026-04-30" };
const resolve = { note: "Saw the vendor's encryption report" };
const acceptRisk = { justification: "The backups hold only public data", until: "2026-09-30" };
const reopen = { reason: "The vendor rolled the fix back" };
const countersigned = {
  file: new File([samplePdf("countersigned")], "signed.pdf", { type: "application/pdf" }),
  signedOn: "2026-03-02",
};

export const FINDING_AND_DPA_ROUTES: RouteRule[] = [
  ["GET", "/api/v1/findings", EVERYONE],
  ["GET", "/api/v1/findings/export.csv", EVERYONE],
  ["GET", "/api/v1/findings/:id", EVERYONE],
  ["POST", "/api/v1/findings", PRIVACY, finding],
  ["POST", "/api/v1/findings/:id/remediation-plan", PROCURE, plan],
  ["POST", "/api/v1/findings/:id/resolve", PRIVACY, resolve],
  ["POST", "/api/v1/findings/:id/accept-risk", PRIVACY, acceptRisk],
  ["POST", "/api/v1/findings/:id/reopen", PRIVACY, reopen],
  ["GET", "/findings", EVERYONE],
  ["GET", "/findings/new", PRIVACY, undefined, "vendorId=:vendorId"],
  ["POST", "/findings", PRIVACY, { ...finding, returnTo: "/findings" }],
  ["GET", "/findings/:id", EVERYONE],
  ["POST", "/findings/:id/remediation-plan", PROCURE, plan],
  ["POST", "/findings/:id/resolve", PRIVACY, resolve],
  ["POST", "/findings/:id/accept-risk", PRIVACY, acceptRisk],
  ["POST", "/findings/:id/reopen", PRIVACY, reopen],
  ["GET", "/api/v1/dpa/export.zip", PRIVACY],
  ["POST", "/api/v1/vendors/:id/dpa", PRIVACY],
  ["GET", "/api/v1/vendors/:id/dpa", EVERYONE],
  ["GET", "/api/v1/dpa/:documentId", EVERYONE],
  ["POST", "/api/v1/dpa/:documentId/sent", PRIVACY],
  ["POST", "/api/v1/dpa/:documentId/signed", PRIVACY, countersigned],
  ["GET", "/api/v1/dpa/:documentId/signed", EVERYONE],
  ["GET", "/dpa", EVERYONE],
  ["GET", "/vendors/:id/dpa", EVERYONE],
  ["POST", "/vendors/:id/dpa/generate", PRIVACY],
  ["POST", "/dpa/:documentId/sent", PRIVACY],
  ["POST", "/dpa/:documentId/signed", PRIVACY, countersigned],
];

import { DEFAULT_REVIEW_POLICY } from "../../src/scoring/review-policy.ts";
import { ADMIN, EVERYONE, PRIVACY, PROCURE, type RouteRule, scoredQuestion } from "./role-matrix-rules.ts";

/**
 * Who may use the questionnaire, assessment and review routes, written out by hand from the product's rules
 * (not read from the code), so a route whose declared access drifts fails the role matrix.
 */

/** A questionnaire template other than the fixture's, so publishing it makes a new version. */
const checkTemplate = {
  key: "matrix-check",
  version: 1,
  title: "Matrix check",
  tiers: ["low"],
  estimatedMinutes: 5,
  sections: [
    {
      id: "basics",
      title: "Basics",
      questions: [
        { id: "has-policy", type: "yes_no", required: true, text: "Do you have a security policy?" },
      ],
    },
  ],
};
/** The smallest VSAQ questionnaire: one block with one yes/no item. */
const vsaq = JSON.stringify({
  questionnaire: [
    {
      type: "block",
      text: "Security",
      items: [{ type: "yesno", id: "uses_tls", text: "Do you use TLS everywhere?", yes: "Yes", no: "No" }],
    },
  ],
});
const textFile = (text: string, name: string) => new File([text], name, { type: "text/plain" });
const templateUpload = { file: textFile(JSON.stringify(checkTemplate), "check.yaml") };
const vsaqUpload = { file: textFile(vsaq, "small.json"), key: "matrix-vsaq" };

const sendQuestionnaire = {
  vendorId: ":vendorId",
  questionnaire: ":questionnaireKey",
  dueDate: "2026-03-31",
  recipients: [{ name: "Nina New", email: "nina@mailer.example" }],
};
const sendForm = {
  vendorId: ":vendorId",
  questionnaire: ":questionnaireKey",
  dueDate: "2026-03-31",
  "recipients[0].name": "Nina New",
  "recipients[0].email": "nina@mailer.example",
};
const recipient = { name: "Omar Other", email: "omar@mailer.example" };
const cancel = { reason: "Sent to the wrong vendor" };

const comment = "Hosting in the EU was confirmed on a call";
const ask = "Which EU country hosts our data?";
const clarify = { questions: [{ questionId: scoredQuestion, message: ask }] };
const clarifyForm = { ask: scoredQuestion, [`message.${scoredQuestion}`]: ask };
const overrideForm = { score: "1", scale: "points", comment };
const reject = { decision: "rejected", reason: "Hosting does not meet our requirements" };

export const ASSESSMENT_ROUTES: RouteRule[] = [
  ["GET", "/api/v1/questionnaires", EVERYONE],
  ["GET", "/api/v1/questionnaires/schema.json", EVERYONE],
  ["GET", "/api/v1/questionnaires/:key", EVERYONE],
  ["POST", "/api/v1/questionnaires", PRIVACY, { template: checkTemplate }],
  ["POST", "/api/v1/questionnaires/import-vsaq", PRIVACY, { questionnaire: vsaq, key: "matrix-vsaq" }],
  ["GET", "/api/v1/assessments", EVERYONE],
  ["POST", "/api/v1/assessments", PROCURE, sendQuestionnaire],
  ["GET", "/api/v1/assessments/:id", EVERYONE],
  ["GET", "/api/v1/assessments/:id/evidence/:fileId", EVERYONE],
  ["POST", "/api/v1/assessments/:id/cancel", PROCURE, cancel],
  ["POST", "/api/v1/assessments/:id/invites", PROCURE, recipient],
  ["POST", "/api/v1/assessments/:id/invites/:inviteId/revoke", PROCURE],
  ["POST", "/api/v1/assessments/:id/invites/:inviteId/reissue", PROCURE],
  // force: a valid role's reminder must not depend on whether one already went out today.
  ["POST", "/api/v1/assessments/:id/remind", PROCURE, { force: true }],
  ["PUT", "/api/v1/assessments/:id/overrides/:questionId", PRIVACY, { score: 0.5, comment }],
  ["DELETE", "/api/v1/assessments/:id/overrides/:questionId", PRIVACY],
  ["POST", "/api/v1/assessments/:id/comments", PRIVACY, { questionId: ":questionId", body: comment }],
  ["POST", "/api/v1/assessments/:id/clarifications", PRIVACY, clarify],
  ["POST", "/api/v1/assessments/:id/complete", PRIVACY, reject],
  ["GET", "/api/v1/vendors/:id/decisions", EVERYONE],
  ["GET", "/api/v1/review-policy", EVERYONE],
  ["PUT", "/api/v1/review-policy", ADMIN, DEFAULT_REVIEW_POLICY],
  ["GET", "/questionnaires", EVERYONE],
  ["POST", "/questionnaires/upload", PRIVACY, templateUpload],
  ["POST", "/questionnaires/import-vsaq", PRIVACY, vsaqUpload],
  ["GET", "/questionnaires/:key", EVERYONE],
  ["GET", "/questionnaires/:key/preview", EVERYONE],
  ["GET", "/assessments", EVERYONE],
  ["GET", "/assessments/new", PROCURE, undefined, "vendorId=:vendorId"],
  ["POST", "/assessments", PROCURE, sendForm],
  ["GET", "/assessments/:id", EVERYONE],
  ["GET", "/assessments/:id/evidence/:fileId", EVERYONE],
  ["POST", "/assessments/:id/cancel", PROCURE, cancel],
  ["POST", "/assessments/:id/invites", PROCURE, recipient],
  ["POST", "/assessments/:id/invites/:inviteId/revoke", PROCURE],
  ["POST", "/assessments/:id/invites/:inviteId/reissue", PROCURE],
  ["POST", "/assessments/:id/remind", PROCURE, { force: "on" }],
  ["GET", "/assessments/:id/review", EVERYONE],
  ["POST", "/assessments/:id/review/overrides/:questionId", PRIVACY, overrideForm],
  ["POST", "/assessments/:id/review/overrides/:questionId/delete", PRIVACY],
  ["POST", "/assessments/:id/review/comments", PRIVACY, { body: comment }],
  [
    "POST",
    "/assessments/:id/review/findings",
    PRIVACY,
    { severity: "low", title: "A finding", recommendation: "Fix it" },
  ],
  ["POST", "/assessments/:id/review/clarifications", PRIVACY, clarifyForm],
  ["POST", "/assessments/:id/review/complete", PRIVACY, reject],
  ["GET", "/evidence/expiring", EVERYONE],
];

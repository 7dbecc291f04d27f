import type { Context } from "hono";
import { Hono } from "hono";
import { listAuditEvents } from "../audit/audit-queries.ts";
import type { Access } from "../auth/roles.ts";
import { requireAccess } from "../http/auth-middleware.ts";
import type { AppEnv } from "../http/hono-env.ts";
import { serviceContext } from "../http/service-context.ts";
import { AppError, type FieldIssue, NotFoundError, ValidationError } from "../shared/errors.ts";
import type { ServiceContext } from "../shared/service-context.ts";
import { type FormSource, formText } from "../vendors/form-parsing.ts";
import { findVendor } from "../vendors/vendor-queries.ts";
import {
  type FormResult,
  parseAcceptForm,
  parseNewFindingForm,
  parsePlanForm,
  parseReopenForm,
  parseResolveForm,
  safeReturnTo,
} from "./finding-form.ts";
import { ACTIVE_STATUSES } from "./finding-lifecycle.ts";
import { listVendorsWithFindings, loadAssessmentContents } from "./finding-queries.ts";
import { questionTextsOf } from "./finding-read.ts";
import { type Finding, FindingListQuery } from "./finding-schemas.ts";
import {
  acceptRisk,
  createReviewerFinding,
  DuplicateFindingError,
  getFinding,
  listFindingPage,
  listFindingsForAssessment,
  planRemediation,
  reopenFinding,
  resolveFinding,
} from "./finding-service.ts";
import { type ActionPath, FindingDetailPage, type FindingFormState } from "./pages/finding-detail-page.tsx";
import { historyEntry } from "./pages/finding-history.tsx";
import { type FindingListFilters, FindingListPage } from "./pages/finding-list-page.tsx";
import { NewFindingPage } from "./pages/new-finding-page.tsx";

const NOTICES: Record<string, string> = {
  created: "Finding added.",
  planned: "Remediation plan saved.",
  resolved: "Finding resolved.",
  accepted: "Risk accepted. The finding opens again the day after the date given.",
  reopened: "Finding reopened.",
};

const HISTORY_LIMIT = 200;

async function renderDetail(
  c: Context<AppEnv>,
  state?: FindingFormState,
  status: 200 | 400 | 409 = 200,
  returnTo = safeReturnTo(c.req.query("returnTo") ?? ""),
) {
  const { db, clock } = c.var.deps;
  const id = c.req.param("id") ?? "";
  const finding = await getFinding(db, id, clock.now());
  const events = await listAuditEvents(db, { entityType: "finding", entityId: id, limit: HISTORY_LIMIT });
  return c.html(
    <FindingDetailPage
      principal={c.var.principal}
      finding={finding}
      history={events.reverse().map(historyEntry)}
      notice={state ? undefined : NOTICES[c.req.query("notice") ?? ""]}
      state={state}
      returnTo={returnTo}
    />,
    status,
  );
}

interface NewFindingState {
  vendorId: string;
  assessmentId?: string | undefined;
  questionId?: string | undefined;
  returnTo?: string | undefined;
  values?: Record<string, string>;
  issues?: FieldIssue[];
  error?: string | undefined;
}

/** The findings still waiting for work about the question a new finding is for: shown so none is added twice. */
async function openFindingsAbout(c: Context<AppEnv>, s: NewFindingState) {
  if (!s.assessmentId || !s.questionId) return [];
  const { db, clock } = c.var.deps;
  return (await listFindingsForAssessment(db, s.assessmentId, clock.now())).filter(
    (f) => f.questionId === s.questionId && (ACTIVE_STATUSES as readonly string[]).includes(f.status),
  );
}

async function renderNewFinding(c: Context<AppEnv>, s: NewFindingState, status: 200 | 400 | 409 = 200) {
  const { db } = c.var.deps;
  const vendor = await findVendor(db, s.vendorId);
  if (!vendor && status === 200) throw new NotFoundError("Vendor");
  const [content] = s.assessmentId && s.questionId ? await loadAssessmentContents(db, [s.assessmentId]) : [];
  const question = content && s.questionId ? questionTextsOf(content.content).get(s.questionId) : undefined;
  return c.html(
    <NewFindingPage
      principal={c.var.principal}
      vendorName={vendor?.name ?? "an unknown vendor"}
      question={question}
      openFindings={question ? await openFindingsAbout(c, s) : []}
      error={s.error}
      backTo={s.returnTo ?? (vendor ? `/vendors/${vendor.id}` : "/findings")}
      vendorId={s.vendorId}
      assessmentId={s.assessmentId}
      questionId={s.questionId}
      returnTo={s.returnTo}
      values={s.values}
      issues={s.issues}
    />,
    status,
  );
}

/** The returnTo a form or link carries: absent, or a local path; anything else is refused. */
function readReturnTo(raw: string): string | undefined {
  if (raw === "") return undefined;
  const safe = safeReturnTo(raw);
  if (!safe)
    throw new ValidationError("returnTo must be a path on this site", [
      { path: "returnTo", message: 'must start with "/" (and not "//")' },
    ]);
  return safe;
}

/** The query parameters a review page notice reads besides `notice` and `q`; never taken from the client. */
const REVIEW_NOTICE_EXTRAS = ["until"];

/**
 * Where to go after adding or changing a finding: the returnTo page, and when that is the review page of the
 * finding's assessment, with the review page's notice (`notice`, plus `extra` such as a date) at the finding's
 * question, or its findings section. Notice, question and extra are ours: whatever the client sent is replaced.
 */
function backToReview(
  returnTo: string,
  finding: { assessmentId: string | null; questionId: string | null },
  notice: string,
  extra: Record<string, string> = {},
) {
  const url = new URL(returnTo, "http://vendorvet.invalid");
  const review = /^\/assessments\/([^/]+)\/review$/.exec(url.pathname);
  if (!review?.[1] || review[1] !== finding.assessmentId) return returnTo;
  for (const key of ["notice", "q", ...REVIEW_NOTICE_EXTRAS]) url.searchParams.delete(key);
  url.searchParams.set("notice", notice);
  if (finding.questionId) url.searchParams.set("q", finding.questionId);
  for (const [key, value] of Object.entries(extra)) url.searchParams.set(key, value);
  url.hash = finding.questionId ? `q-${finding.questionId}` : "findings-title";
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The review page's notice after each step, with what it shows beside it. */
const REVIEW_NOTICES: Record<ActionPath, (f: Finding) => [string, Record<string, string>?]> = {
  "remediation-plan": () => ["finding-planned"],
  resolve: () => ["finding-resolved"],
  "accept-risk": (f) => ["risk-accepted", f.riskAcceptance ? { until: f.riskAcceptance.until } : undefined],
  reopen: () => ["finding-reopened"],
};

const optional = (v: string) => (v === "" ? undefined : v);

/** Staff pages for findings: the list across vendors, one finding with its steps, and adding one. */
export function findingPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  /** A lifecycle step posted from the finding page; a problem comes back as that page with the form's errors. */
  function step<T>(
    path: ActionPath,
    level: Access,
    parse: (form: FormSource) => FormResult<T>,
    run: (ctx: ServiceContext, id: string, input: T) => Promise<Finding>,
    notice: string,
  ) {
    app.post(`/findings/:id/${path}`, requireAccess(level), async (c) => {
      const id = c.req.param("id");
      const form = await c.req.formData();
      // A step taken from the review page goes back there; an unsafe returnTo is ignored, not followed.
      const returnTo = safeReturnTo(formText(form, "returnTo"));
      const parsed = parse(form);
      if (!parsed.ok)
        return renderDetail(c, { form: path, values: parsed.values, issues: parsed.issues }, 400, returnTo);
      let changed: Finding;
      try {
        changed = await run(serviceContext(c), id, parsed.input);
      } catch (err) {
        if (err instanceof ValidationError)
          return renderDetail(
            c,
            { form: path, values: parsed.values, issues: err.details as FieldIssue[] },
            400,
            returnTo,
          );
        if (err instanceof AppError && err.code === "conflict")
          return renderDetail(c, { form: path, values: parsed.values, error: err.message }, 409, returnTo);
        throw err;
      }
      if (!returnTo) return c.redirect(`/findings/${id}?notice=${notice}`, 303);
      return c.redirect(backToReview(returnTo, changed, ...REVIEW_NOTICES[path](changed)), 303);
    });
  }

  app.get("/findings", requireAccess("read"), async (c) => {
    const { db, clock } = c.var.deps;
    const filters: FindingListFilters = {
      severity: c.req.query("severity") ?? "",
      status: c.req.query("status") ?? "",
      vendorId: c.req.query("vendorId") ?? "",
      overdue: c.req.query("overdue") ?? "",
    };
    const parsed = FindingListQuery.safeParse({
      ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== "")),
      ...(c.req.query("cursor") ? { cursor: c.req.query("cursor") } : {}),
    });
    if (!parsed.success) throw new ValidationError("The filters are not valid", []);
    const [page, vendors] = await Promise.all([
      listFindingPage(db, parsed.data, clock.now()),
      listVendorsWithFindings(db),
    ]);
    // A link from a vendor without findings still shows (and keeps) its vendor filter.
    const chosen = filters.vendorId ? await findVendor(db, filters.vendorId) : undefined;
    if (chosen && !vendors.some((v) => v.id === chosen.id))
      vendors.unshift({ id: chosen.id, name: chosen.name });
    return c.html(
      <FindingListPage
        principal={c.var.principal}
        findings={page.data}
        counts={page.counts}
        nextCursor={page.nextCursor}
        filters={filters}
        vendors={vendors}
        notice={NOTICES[c.req.query("notice") ?? ""]}
      />,
    );
  });

  app.get("/findings/new", requireAccess("privacy"), async (c) => {
    const vendorId = c.req.query("vendorId");
    if (!vendorId) return c.redirect("/vendors", 303);
    return renderNewFinding(c, {
      vendorId,
      assessmentId: optional(c.req.query("assessmentId") ?? ""),
      questionId: optional(c.req.query("questionId") ?? ""),
      returnTo: readReturnTo(c.req.query("returnTo") ?? ""),
    });
  });

  app.post("/findings", requireAccess("privacy"), async (c) => {
    const form = await c.req.formData();
    const returnTo = readReturnTo(formText(form, "returnTo"));
    const parsed = parseNewFindingForm(form);
    const state = {
      vendorId: parsed.values.vendorId ?? "",
      assessmentId: optional(parsed.values.assessmentId ?? ""),
      questionId: optional(parsed.values.questionId ?? ""),
      returnTo,
      values: parsed.values,
    };
    if (!parsed.ok) return renderNewFinding(c, { ...state, issues: parsed.issues }, 400);
    try {
      const finding = await createReviewerFinding(serviceContext(c), parsed.input);
      return c.redirect(
        returnTo
          ? backToReview(returnTo, finding, "finding-added")
          : `/findings/${finding.id}?notice=created`,
        303,
      );
    } catch (err) {
      if (err instanceof ValidationError)
        return renderNewFinding(c, { ...state, issues: err.details as FieldIssue[] }, 400);
      if (err instanceof DuplicateFindingError)
        return renderNewFinding(c, { ...state, error: err.message }, 409);
      throw err;
    }
  });

  app.get("/findings/:id", requireAccess("read"), (c) => renderDetail(c));

  step("remediation-plan", "procure", parsePlanForm, planRemediation, "planned");
  step("resolve", "privacy", parseResolveForm, resolveFinding, "resolved");
  step("accept-risk", "privacy", parseAcceptForm, acceptRisk, "accepted");
  step("reopen", "privacy", parseReopenForm, reopenFinding, "reopened");

  return app;
}

import { Hono } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { ValidationError } from "../shared/errors.ts";
import { answerRoutes, portalContext } from "./answer-routes.tsx";
import { answerValues, loadAnswers } from "./answer-store.ts";
import { evidencePortalRoutes } from "./evidence-portal-routes.tsx";
import { LandingPage } from "./pages/landing-page.tsx";
import { ClosedPage, InvalidLinkPage, LeftPage } from "./pages/link-pages.tsx";
import { PrefillResultPage } from "./pages/prefill-page.tsx";
import { SubmitPage } from "./pages/submit-page.tsx";
import { loadClarificationState } from "./portal-clarification.ts";
import { loadPortalContact } from "./portal-contact.ts";
import { isEditable, loadPortalAssessment, type PortalAssessment } from "./portal-data.ts";
import type { PortalEnv } from "./portal-env.ts";
import { vendorActor } from "./portal-env.ts";
import {
  createPortalLimiters,
  DEFAULT_PORTAL_LIMITS,
  limitBody,
  type PortalLimits,
  portalErrorHandler,
  requirePortalCsrf,
  requireVisitor,
} from "./portal-guard.tsx";
import { checkInviteLink, endPortalSession, openPortalSession, PORTAL_COOKIE } from "./portal-session.ts";
import { computeProgress } from "./progress.ts";
import { IncompleteError, submitAssessment } from "./submit-service.ts";
import { MAX_VSAQ_FILE_BYTES, parseVsaqAnswersFile, prefillFromVsaq } from "./vsaq-prefill.ts";

const LANDING_NOTICES: Record<string, string> = {
  saved: "Your answers are saved.",
  submitted: "Your answers are submitted. Thank you!",
};

async function progressOf(portal: PortalAssessment, db: Parameters<typeof loadAnswers>[0]) {
  return computeProgress(portal.template, answerValues(await loadAnswers(db, portal.assessment.id)));
}

/** The vendor portal: the emailed link, the overview, sections, evidence, submission and VSAQ pre-fill. */
export function portalRoutes(options: { limits?: Partial<PortalLimits> } = {}): Hono<PortalEnv> {
  const limiters = createPortalLimiters({ ...DEFAULT_PORTAL_LIMITS, ...options.limits });
  const app = new Hono<PortalEnv>();
  app.onError(portalErrorHandler);
  app.use("/portal/*", limiters.perClient());
  // In Hono "/portal/assessment/*" also matches "/portal/assessment" itself; listing both ran the guard twice.
  for (const path of ["/portal/assessment/*", "/portal/leave"])
    app.use(path, requireVisitor(), limiters.perSession());

  app.get("/portal/assessment", async (c) => {
    const { db, clock } = c.var.deps;
    const portal = await loadPortalAssessment(db, c.var.visitor.assessmentId);
    return c.html(
      <LandingPage
        portal={portal}
        visitor={c.var.visitor}
        progress={await progressOf(portal, db)}
        today={clock.now().toISOString().slice(0, 10)}
        notice={LANDING_NOTICES[c.req.query("done") ?? ""]}
        clarification={await loadClarificationState(db, portal.assessment, portal.template)}
      />,
    );
  });

  app.route("/", answerRoutes());
  app.route("/", evidencePortalRoutes());

  app.get("/portal/assessment/submit", async (c) => {
    const { db, clock } = c.var.deps;
    const portal = await loadPortalAssessment(db, c.var.visitor.assessmentId);
    if (!isEditable(portal.assessment.status)) return c.redirect("/portal/assessment", 303);
    const progress = await progressOf(portal, db);
    return c.html(
      <SubmitPage
        portal={portal}
        visitor={c.var.visitor}
        progress={progress}
        today={clock.now().toISOString().slice(0, 10)}
      />,
    );
  });

  app.post(
    "/portal/assessment/submit",
    limitBody(64 * 1024, "The form is too large."),
    requirePortalCsrf(),
    async (c) => {
      const { db, clock } = c.var.deps;
      const portal = await loadPortalAssessment(db, c.var.visitor.assessmentId);
      const body = await c.req.parseBody();
      const values = {
        name: typeof body.name === "string" ? body.name : "",
        title: typeof body.title === "string" ? body.title : "",
        confirmed: body.confirmed === "yes",
      };
      try {
        await submitAssessment(portalContext(c), portal, {
          ...values,
          confirmed: values.confirmed || undefined,
        });
      } catch (err) {
        if (!(err instanceof ValidationError) && !(err instanceof IncompleteError)) throw err;
        const issues =
          err instanceof ValidationError ? (err.details as { path: string; message: string }[]) : [];
        return c.html(
          <SubmitPage
            portal={portal}
            visitor={c.var.visitor}
            progress={await progressOf(portal, db)}
            today={clock.now().toISOString().slice(0, 10)}
            values={values}
            issues={issues}
          />,
          err instanceof ValidationError ? 422 : 409,
        );
      }
      return c.redirect("/portal/assessment?done=submitted", 303);
    },
  );

  app.post(
    "/portal/assessment/prefill",
    limitBody(
      MAX_VSAQ_FILE_BYTES + 64 * 1024,
      "A VSAQ answers file is much smaller than this; check you chose the right file.",
    ),
    requirePortalCsrf(),
    async (c) => {
      const { db, clock } = c.var.deps;
      const portal = await loadPortalAssessment(db, c.var.visitor.assessmentId);
      const file = (await c.req.parseBody()).file;
      try {
        if (!(file instanceof File) || file.size === 0)
          throw new ValidationError("No file", [
            { path: "file", message: "Choose the VSAQ answers file first." },
          ]);
        const report = await prefillFromVsaq(
          portalContext(c),
          portal,
          parseVsaqAnswersFile(await file.text()),
        );
        return c.html(
          <PrefillResultPage
            organisation={portal.organisation}
            csrfToken={c.var.visitor.csrfToken}
            report={report}
          />,
        );
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        const message = (err.details as { message: string }[])[0]?.message ?? err.message;
        return c.html(
          <LandingPage
            portal={portal}
            visitor={c.var.visitor}
            progress={await progressOf(portal, db)}
            today={clock.now().toISOString().slice(0, 10)}
            prefillError={message}
          />,
          422,
        );
      }
    },
  );

  app.post("/portal/leave", requirePortalCsrf(), async (c) => {
    const { db, config } = c.var.deps;
    await endPortalSession(portalContext(c), c.var.visitor);
    deleteCookie(c, PORTAL_COOKIE, { path: "/portal", secure: config.secureCookies });
    const contact = await loadPortalContact(db, c.var.visitor.assessmentId);
    return c.html(<LeftPage organisation={contact.organisation} />);
  });

  // The emailed link. Registered last so the fixed paths above are never read as a secret.
  app.get("/portal/:secret", limiters.linkOpen(), async (c) => {
    const { db, clock, config } = c.var.deps;
    const link = await checkInviteLink(db, c.req.param("secret"), clock.now());
    if (!link.ok && link.reason === "unknown") return c.html(<InvalidLinkPage />, 404);
    if (!link.ok) {
      const contact = await loadPortalContact(db, link.assessmentId, link.expiresAt);
      return c.html(<ClosedPage reason={link.reason} contact={contact} />, 410);
    }
    const { invite } = link;
    const ctx = {
      db,
      config,
      clock,
      newId: c.var.deps.newId,
      actor: vendorActor(invite),
      requestId: c.var.requestId,
      ip: c.var.clientIp,
    };
    const session = await openPortalSession(ctx, invite);
    setCookie(c, PORTAL_COOKIE, session.secret, {
      httpOnly: true,
      sameSite: "Lax",
      path: "/portal",
      secure: config.secureCookies,
      expires: session.expiresAt,
    });
    // The secret leaves the address bar at once: the next URL has none, so it cannot leak through history or Referer.
    return c.redirect("/portal/assessment", 303);
  });

  return app;
}

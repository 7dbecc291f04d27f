import { Hono } from "hono";
import { addDays, utcDay } from "../assessments/reminder-schedule.ts";
import { requireAccess } from "../http/auth-middleware.ts";
import type { AppEnv, Principal } from "../http/hono-env.ts";
import { DASHBOARD_HORIZON_DAYS, listExpiringEvidence, loadDashboard } from "./dashboard-queries.ts";
import { DashboardView, ExpiringEvidencePage } from "./dashboard-view.tsx";

/** More than any organisation's month of lapsing evidence; the page says when it shows only the first ones. */
const EVIDENCE_PAGE_LIMIT = 1000;

/** The dashboard at `/` (every staff role) and the full list of evidence expiring soon. */
export function dashboardPage(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/", requireAccess("read"), async (c) => {
    const figures = await loadDashboard(c.var.deps.db, c.var.deps.clock.now());
    return c.html(<DashboardView principal={c.var.principal as Principal} figures={figures} />);
  });

  app.get("/evidence/expiring", requireAccess("read"), async (c) => {
    const today = utcDay(c.var.deps.clock.now());
    const horizon = addDays(today, DASHBOARD_HORIZON_DAYS);
    const evidence = await listExpiringEvidence(c.var.deps.db, today, horizon, EVIDENCE_PAGE_LIMIT);
    return c.html(
      <ExpiringEvidencePage
        principal={c.var.principal as Principal}
        today={today}
        horizon={horizon}
        evidence={evidence}
      />,
    );
  });

  return app;
}

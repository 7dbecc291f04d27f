import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type Browser, chromium, type Page } from "playwright-core";

/** Debian's chromium; npm has no browser download on these machines. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const LAUNCH_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Launches Chromium, or fails with how to install it: a browser test must never pass by not running. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    const where = process.env.CI === "true" ? ".ci/run must install it" : "Install it";
    throw new Error(
      `Chromium was not found at ${CHROMIUM_PATH}; the browser tests need it. ${where}: ` +
        "`sudo apt-get install -y chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium binary.",
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS, headless: true });
}

export interface PageProblems {
  /** Console errors, uncaught exceptions and Content-Security-Policy violations seen so far. */
  errors: string[];
}

/** Records what went wrong in the page, so a test can insist nothing did (a CSP block shows up here). */
export function watchPage(page: Page): PageProblems {
  const problems: PageProblems = { errors: [] };
  page.on("console", (msg) => {
    const where = msg.location().url;
    // Browsers ask for /favicon.ico on their own; VendorVet has none yet, which is harmless.
    if (msg.type() === "error" && !where.endsWith("/favicon.ico"))
      problems.errors.push(`${msg.text()} ${where}`.trim());
  });
  page.on("pageerror", (err) => problems.errors.push(err.message));
  return problems;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

let axeSource: string | undefined;

/**
 * Runs axe-core in the page and returns its serious and critical violations. The script is evaluated
 * through the DevTools protocol rather than added as a <script> tag, which our CSP rightly refuses.
 */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  const loaded = await page.evaluate(`${axeSource};typeof window.axe === "object"`);
  if (loaded !== true) throw new Error("axe-core did not load in the page");
  const violations = (await page.evaluate(`window.axe
    .run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) })))`)) as AxeViolation[];
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** One line per violation, readable in a failed assertion. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.join(", ")})`).join("\n");
}

/** A vendor's visit to the portal as the browser holds it: the session cookie, the CSRF token, its address. */
export interface PortalVisit {
  cookie: string;
  csrf: string;
  /** Sent as X-Forwarded-For: each simulated vendor comes from its own network. */
  ip: string;
}

function assertLocal(url: string): void {
  if (new URL(url).hostname !== "127.0.0.1") throw new Error(`The bench only talks to 127.0.0.1, not ${url}`);
}

/** The address of simulated vendor `n` (1–65,000), one per /24 network of the 10/8 range. */
export function vendorAddress(n: number): string {
  return `10.${Math.floor(n / 250) % 250}.${(n % 250) + 1}.${(n % 200) + 20}`;
}

/** Opens an emailed link like a browser: keeps the cookie, then reads the CSRF token from the first page. */
export async function openPortalLink(
  baseUrl: string,
  secret: string,
  ip: string,
  firstPage = "/portal/assessment",
): Promise<{ visit: PortalVisit; html: string }> {
  assertLocal(baseUrl);
  const res = await fetch(`${baseUrl}/portal/${secret}`, {
    redirect: "manual",
    headers: { "x-forwarded-for": ip },
  });
  await res.arrayBuffer();
  if (res.status !== 303) throw new Error(`Opening a portal link answered ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .find((c) => c.startsWith("vv_portal="));
  if (!cookie) throw new Error("Opening a portal link set no vv_portal cookie");
  const page = await fetch(`${baseUrl}${firstPage}`, { headers: { cookie, "x-forwarded-for": ip } });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`${firstPage} answered ${page.status}: ${html.slice(0, 300)}`);
  const csrf = /name="csrf-token" content="([^"]+)"/.exec(html)?.[1];
  if (!csrf) throw new Error(`${firstPage} carries no CSRF token`);
  return { visit: { cookie, csrf, ip }, html };
}

/** The hidden revision token of a question on a section page. */
export function baseTokenOf(html: string, questionId: string): string {
  const m = new RegExp(`name="base\\.${questionId.replace(/[.-]/g, "\\$&")}" value="([^"]+)"`).exec(html);
  if (!m?.[1]) throw new Error(`The page carries no revision token for ${questionId}`);
  return m[1];
}

export interface AutosaveReply {
  status: number;
  body: { status?: string; base?: string; error?: { code: string; message: string } };
}

/** One autosave, exactly as the portal's script sends it (POST /portal/assessment/answers). */
export async function autosave(
  baseUrl: string,
  visit: PortalVisit,
  body: { questionId: string; base: string; values: string[]; comment: string | null },
): Promise<AutosaveReply> {
  const res = await fetch(`${baseUrl}/portal/assessment/answers`, {
    method: "POST",
    headers: {
      cookie: visit.cookie,
      "x-forwarded-for": visit.ip,
      "x-csrf-token": visit.csrf,
      "content-type": "application/json",
      accept: "application/json",
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as AutosaveReply["body"] };
}

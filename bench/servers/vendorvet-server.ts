// The real VendorVet, started the way main.ts starts it, in its own process for the bench.
import { loadConfig } from "../../src/config.ts";
import { startServer } from "../../src/server.ts";
import { databasePathArgument, serveParent } from "./ipc.ts";

// Only the database and address come from the bench; everything else is VendorVet's defaults,
// including request logging at info (stdout goes to /dev/null, so the cost of writing it stays in).
// `--trust-proxy` sets TRUST_PROXY=true, so the portal suites can speak for many vendors' addresses.
const config = {
  ...loadConfig({
    DATABASE_PATH: databasePathArgument(),
    HOST: "127.0.0.1",
    ...(process.argv.includes("--trust-proxy") ? { TRUST_PROXY: "true" } : {}),
  }),
  port: 0,
};
const server = await startServer(config, { print: () => {} });
serveParent(`http://127.0.0.1:${new URL(server.url).port}`, server.close);

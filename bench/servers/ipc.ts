/** Messages between the bench (parent) and a server it runs in a child process. */
export type ServerMessage =
  | { type: "ready"; url: string }
  | { type: "memory"; rssBytes: number; peakRssBytes: number; heapUsedBytes: number };

export type ParentMessage = { type: "memory" } | { type: "stop" };

function send(message: ServerMessage): void {
  process.send?.(message);
}

/**
 * In the child: tells the parent where the server listens, answers memory questions, and stops on
 * request. The child also exits when the parent goes away, so no server outlives a crashed bench.
 */
export function serveParent(url: string, close: () => Promise<void>): void {
  if (!process.send) throw new Error("Run this server from the bench (it needs an IPC channel)");
  process.on("message", (message: ParentMessage) => {
    if (message.type === "memory") {
      send({
        type: "memory",
        rssBytes: process.memoryUsage.rss(),
        // resourceUsage reports kilobytes.
        peakRssBytes: process.resourceUsage().maxRSS * 1024,
        heapUsedBytes: process.memoryUsage().heapUsed,
      });
    } else if (message.type === "stop") {
      void close().finally(() => process.exit(0));
    }
  });
  process.on("disconnect", () => process.exit(0));
  send({ type: "ready", url });
}

/** The database file a bench server opens, from its first argument. */
export function databasePathArgument(): string {
  const path = process.argv[2];
  if (!path) throw new Error("Give the database file as the first argument");
  return path;
}

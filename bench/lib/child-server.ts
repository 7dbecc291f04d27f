import { type ChildProcess, fork } from "node:child_process";
import type { ParentMessage, ServerMessage } from "../servers/ipc.ts";

export interface ServerMemory {
  rssMb: number;
  peakRssMb: number;
  heapUsedMb: number;
}

export interface ChildServer {
  url: string;
  memory(): Promise<ServerMemory>;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;
const REPLY_TIMEOUT_MS = 10_000;
const MB = 1024 * 1024;

/** Waits for the first message of `type` from the child, failing if it exits or takes too long. */
function nextMessage<T extends ServerMessage["type"]>(
  child: ChildProcess,
  type: T,
  timeoutMs: number,
): Promise<Extract<ServerMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    const onMessage = (message: ServerMessage) => {
      if (message.type !== type) return;
      done();
      resolve(message as Extract<ServerMessage, { type: T }>);
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`The bench server exited (code ${code}) before sending "${type}"`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`The bench server sent no "${type}" within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

/**
 * Runs a bench server script in its own Node process, so its CPU time and memory are its own
 * and the load generator in this process does not share its event loop.
 */
export async function startChildServer(script: string, args: string[]): Promise<ChildServer> {
  const child = fork(script, args, {
    execArgv: ["--import", "tsx"],
    // Stdout is the request log; it is written (that cost is real) but not kept.
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const ask = (message: ParentMessage) => child.send(message);
  let ready: Extract<ServerMessage, { type: "ready" }>;
  try {
    ready = await nextMessage(child, "ready", START_TIMEOUT_MS);
  } catch (error) {
    child.kill();
    throw error;
  }
  return {
    url: ready.url,
    async memory() {
      const reply = nextMessage(child, "memory", REPLY_TIMEOUT_MS);
      ask({ type: "memory" });
      const m = await reply;
      return { rssMb: m.rssBytes / MB, peakRssMb: m.peakRssBytes / MB, heapUsedMb: m.heapUsedBytes / MB };
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      ask({ type: "stop" });
      const timer = setTimeout(() => child.kill(), REPLY_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

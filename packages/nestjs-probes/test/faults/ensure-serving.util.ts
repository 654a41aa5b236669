interface RestartableServer {
  resume(): void;
  restart(): Promise<void>;
}

/**
 * Leaves the server serving after a row, whatever state a failed row left it in: resumed if
 * frozen, started again if stopped or killed (each call fails harmlessly when not applicable).
 */
export async function ensureServing(server: RestartableServer): Promise<void> {
  try {
    server.resume();
  } catch {
    // Not running: restarted below.
  }
  try {
    await server.restart();
  } catch {
    // Already running.
  }
}

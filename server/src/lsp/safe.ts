/**
 * Every handler runs through `guard`: an exception is logged and answered with the handler's empty result, so
 * one bad request never takes the server down.
 */
import type { Connection } from 'vscode-languageserver/node';

export type Logger = Pick<Connection['console'], 'error' | 'warn' | 'info' | 'log'>;

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}

export function guard<P extends unknown[], R>(
  logger: Logger,
  name: string,
  fallback: R,
  handler: (...args: P) => R | Promise<R>,
): (...args: P) => Promise<R> {
  return async (...args: P) => {
    try {
      return await handler(...args);
    } catch (error) {
      logger.error(`${name} failed: ${describeError(error)}`);
      return fallback;
    }
  };
}

/** For notifications, where nothing is answered: the error is logged and the promise never rejects. */
export function guardNotification<P extends unknown[]>(logger: Logger, name: string, handler: (...args: P) => void | Promise<void>): (...args: P) => void {
  const wrapped = guard(logger, name, undefined, handler);
  return (...args: P) => {
    void wrapped(...args);
  };
}

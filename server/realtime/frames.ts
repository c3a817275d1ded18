import { isUtf8 } from 'node:buffer';
import type { FastifyBaseLogger } from 'fastify';
import type { RawData } from 'ws';
import { WS_MAX_MESSAGE_BYTES } from '../../shared/ws.ts';
import type { ErrorCode } from '../../shared/errors.ts';

/**
 * The ceiling ws itself enforces (its `maxPayload`), in bytes: past it ws closes with 1009 before the server
 * sees the frame. Set well above WS_MAX_MESSAGE_BYTES so that every frame up to 1 MiB reaches readFrame, which
 * answers a typed error before the close; it still bounds the memory one frame can take.
 */
export const WS_FRAME_CEILING_BYTES = 1024 * 1024;

/** Close codes (RFC 6455 §7.4.1) for a frame the server will not read. */
export const CLOSE_TOO_LARGE = 1009;
export const CLOSE_INVALID_DATA = 1007;

export type Frame = { ok: true; text: string | null } | { ok: false; code: ErrorCode; message: string; close: number; bytes: number };

/**
 * Checks one incoming frame before anything parses it: at most WS_MAX_MESSAGE_BYTES bytes, and a text frame must
 * be valid UTF-8 (ws is told to skip that check, so the server can answer it). `text` is null for a binary frame,
 * which the session refuses as `malformed_json` without closing. Throws nothing.
 */
export function readFrame(data: RawData, isBinary: boolean): Frame {
  const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
  if (buf.byteLength > WS_MAX_MESSAGE_BYTES) {
    return { ok: false, code: 'message_too_large', message: `a message is at most ${WS_MAX_MESSAGE_BYTES} bytes`, close: CLOSE_TOO_LARGE, bytes: buf.byteLength };
  }
  if (isBinary) return { ok: true, text: null };
  if (!isUtf8(buf)) return { ok: false, code: 'malformed_frame', message: 'a text frame must be valid UTF-8', close: CLOSE_INVALID_DATA, bytes: buf.byteLength };
  return { ok: true, text: buf.toString('utf8') };
}

/**
 * What @fastify/websocket calls for an error on an established socket. A protocol error ws raised itself (a frame
 * over the ceiling, a bad opcode: `WS_ERR_*`) is the client's fault and ws has already sent the close: logged at
 * warn, code and message only, no stack. Anything else is the server's: logged at error and the socket dropped.
 */
export function onSocketError(log: FastifyBaseLogger, err: Error & { code?: string }, socket: { terminate(): void }): void {
  if (typeof err.code === 'string' && err.code.startsWith('WS_ERR_')) {
    log.warn({ wsError: err.code, reason: err.message }, 'websocket protocol error; socket closed');
    return;
  }
  log.error({ err }, 'websocket failed');
  socket.terminate();
}

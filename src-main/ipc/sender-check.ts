/** Decides whether an IPC message really comes from our window's top frame at our origin. */
import { APP_ORIGIN } from '../window/app-protocol-constants';

/** The parts of Electron's WebFrameMain the check needs (kept minimal so it is unit-testable). */
export interface FrameLike {
  url: string;
  /** null for a top-level frame. */
  parent: unknown;
}

/**
 * True only for the top frame of one of our windows, loaded from our origin: app:// in the packaged app, or the
 * dev server's origin when `electron-vite dev` passes it.
 */
export function isTrustedSender(frame: FrameLike | null | undefined, ourFrames: readonly unknown[], trustedOrigin: string = APP_ORIGIN): boolean {
  if (!frame) return false;
  if (frame.parent !== null) return false;
  if (!ourFrames.includes(frame)) return false;
  try {
    // Node's URL gives custom schemes an opaque origin, so compare scheme and host ourselves.
    const url = new URL(frame.url);
    return `${url.protocol}//${url.host}` === trustedOrigin;
  } catch {
    return false;
  }
}

/** Error codes the IPC layer itself produces (handlers add their own domain codes). */
export const IPC_ERROR = {
  badRequest: 'bad_request',
  unknownChannel: 'unknown_channel',
  forbiddenSender: 'forbidden_sender',
  unauthorized: 'unauthorized',
  serviceUnavailable: 'service_unavailable',
  /** The console's session with its service has ended: signing in again helps, retrying does not. */
  sessionEnded: 'session_ended',
  /** Refused before trying: the console knows its service cannot be reached now, so nothing was sent. */
  offline: 'offline',
  internal: 'internal',
} as const;

/** Plain-words messages for the codes above. */
export const IPC_ERROR_MESSAGE: Record<(typeof IPC_ERROR)[keyof typeof IPC_ERROR], string> = {
  bad_request: 'The request was not valid. Check the highlighted fields and try again.',
  unknown_channel: 'The console asked for something this version does not know. Restart the console.',
  forbidden_sender: 'This request did not come from the console window and was refused.',
  unauthorized: 'Your browser session has expired. Open the link printed by "npm run web" again.',
  service_unavailable: 'The MFA service is not reachable. Check the connection in Settings and try again.',
  session_ended: 'The MFA service no longer recognises this console’s session. Sign in again in Settings.',
  offline: 'The MFA service cannot be reached right now, so this was not done. The console keeps trying by itself.',
  internal: 'Something went wrong inside the console. Try again; if it keeps happening, restart the console.',
};

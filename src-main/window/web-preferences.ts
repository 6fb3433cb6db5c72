/** The BrowserWindow web preferences from the Electron security checklist, as data so a test can pin them. */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  safeDialogs: true,
} as const;

/** https hosts `shell.openExternal` may open (documentation links); everything else is refused. */
export const EXTERNAL_LINK_ALLOWLIST: readonly string[] = ['github.com', 'pages.nist.gov', 'www.rfc-editor.org', 'datatracker.ietf.org'];

/** True when a link may be handed to the OS browser: https only, allowlisted host, no credentials in the URL. */
export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' && EXTERNAL_LINK_ALLOWLIST.includes(url.hostname);
}

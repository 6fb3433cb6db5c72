/**
 * Electron composition root: single-instance lock, app:// protocol, secure window, IPC registration, and the
 * console backend in the main process (its embedded MFA service in a worker thread). Everything below is plain
 * Node and tested there.
 */
import path from 'node:path';
import { app, BrowserWindow, dialog, session } from 'electron';
import { createConsole, type ConsoleBackend } from './console/create-console';
import { registerIpcHandlers } from './ipc/electron-ipc';
import { loadNodeSqlite } from './service/store/node-sqlite';
import { handleAppProtocol, registerAppSchemeAsPrivileged } from './window/app-protocol';
import { createMainWindow, rendererLocation } from './window/create-window';
import { denyAllPermissions } from './window/guards';

const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
let mainWindow: BrowserWindow | null = null;
let backend: ConsoleBackend | null = null;

registerAppSchemeAsPrivileged();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.whenReady().then(start).catch((error: unknown) => {
    dialog.showErrorBox('MFA Admin Console could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!backend) return;
    event.preventDefault();
    const closing = backend;
    backend = null;
    void closing.close().finally(() => app.quit());
  });
}

async function start(): Promise<void> {
  denyAllPermissions(session.defaultSession);
  handleAppProtocol(path.join(__dirname, '..', 'renderer'));
  // Before anything else: an Electron without built-in SQLite gets a message naming the version it needs.
  loadNodeSqlite();
  backend = await createConsole({ dataDir: app.getPath('userData'), host: 'electron', embeddedWorker: path.join(__dirname, 'embedded-worker.js') });
  const { origin } = rendererLocation(devServerUrl);
  registerIpcHandlers(backend.dispatch, () => BrowserWindow.getAllWindows().map((w) => w.webContents.mainFrame), origin);
  mainWindow = createMainWindow({ preloadFile: path.join(__dirname, '..', 'preload', 'index.cjs'), ...(devServerUrl ? { devServerUrl } : {}) });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) {
      mainWindow = createMainWindow({ preloadFile: path.join(__dirname, '..', 'preload', 'index.cjs') });
    }
  });
}

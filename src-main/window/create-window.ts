/** The console window: secure web preferences, guards, and the renderer from app:// (or the dev server). */
import path from 'node:path';
import { BrowserWindow, dialog } from 'electron';
import { APP_ENTRY_URL, APP_ORIGIN } from './app-protocol-constants';
import { guardWebContents } from './guards';
import { SECURE_WEB_PREFERENCES } from './web-preferences';
import { PRODUCT_NAME } from '../version';

/** Where the window loads from: app:// normally, the Vite dev server under `electron-vite dev`. */
export function rendererLocation(devServerUrl: string | undefined): { url: string; origin: string } {
  if (devServerUrl) {
    const origin = new URL(devServerUrl).origin;
    return { url: devServerUrl, origin };
  }
  return { url: APP_ENTRY_URL, origin: APP_ORIGIN };
}

/** Creates and shows the main window. */
export function createMainWindow(options: { preloadFile: string; devServerUrl?: string; iconFile?: string }): BrowserWindow {
  const { url, origin } = rendererLocation(options.devServerUrl);
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: PRODUCT_NAME,
    show: false,
    backgroundColor: '#f7f8fa',
    ...(options.iconFile ? { icon: options.iconFile } : {}),
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: path.resolve(options.preloadFile) },
  });
  guardWebContents(window.webContents, origin);
  // A screen with unsaved edits asks before the page goes (beforeunload); Electron shows no prompt itself, so ask here.
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      buttons: ['Leave without saving', 'Stay'],
      defaultId: 1,
      cancelId: 1,
      title: PRODUCT_NAME,
      message: 'Leave without saving your changes?',
      detail: 'Some changes on this screen are not saved yet. Stay to save them.',
    });
    if (choice === 0) event.preventDefault();
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(url);
  return window;
}

// electron-builder configuration: installers for Linux (AppImage, deb), Windows (nsis) and macOS (dmg).
// `npm run dist` needs internet (Electron is downloaded for each target). The fuses below must equal
// ELECTRON_FUSES in src-main/window/fuses.ts; a unit test keeps them equal.
/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'com.mfa-admin-console.app',
  productName: 'MFA Admin Console',
  copyright: 'Copyright © 2026 MFA Admin Console team',
  directories: { output: 'dist', buildResources: 'build' },
  files: ['out/**/*', 'package.json', '!**/*.map'],
  asar: true,
  asarUnpack: ['**/*.node'],
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'System',
    icon: 'build/icons',
    maintainer: 'MFA Admin Console team <team@mfa-admin-console.example>',
    synopsis: 'Roll out company-wide MFA, run verified resets, demo enrollment',
  },
  deb: { depends: ['libsecret-1-0'] },
  win: { target: ['nsis'], icon: 'build/icon.ico' },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
  mac: { target: ['dmg'], icon: 'build/icon.png', category: 'public.app-category.business', hardenedRuntime: true },
  dmg: { title: 'MFA Admin Console' },
};

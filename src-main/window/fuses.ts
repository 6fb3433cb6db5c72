/**
 * Electron fuses flipped at packaging time (electron-builder `electronFuses`): the binary cannot be used as a
 * plain Node runtime, ignores NODE_OPTIONS and --inspect, checks the asar integrity and loads the app only from it.
 * build/electron-builder.config.cjs must carry the same values; a unit test keeps them equal.
 */
export const ELECTRON_FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
} as const;

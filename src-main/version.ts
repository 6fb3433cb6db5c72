/** The product version, from package.json (bundled at build time). */
import pkg from '../package.json' with { type: 'json' };

export const APP_VERSION: string = pkg.version;
export const PRODUCT_NAME: string = pkg.productName;

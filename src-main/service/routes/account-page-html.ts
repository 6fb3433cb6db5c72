/** The shell and style of the service's account pages (plain HTML: no script, styles from one same-origin file). */

import { escapeHtml } from '../http/escape-html';

/** A whole page around `body` (already HTML). */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title><link rel="stylesheet" href="/account/account.css"></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body>
</html>`;
}

/** The pages' only stylesheet. */
export const ACCOUNT_PAGE_CSS = `
body{margin:0;font:16px/1.5 system-ui,Segoe UI,Helvetica,Arial,sans-serif;color:#1d1d1f;background:#f4f6f9}
main{max-width:440px;margin:48px auto;padding:28px;background:#fff;border-radius:10px;box-shadow:0 1px 4px rgba(0,0,0,.12)}
h1{font-size:1.4rem;margin:0 0 16px}
label{display:block;font-weight:600;margin:14px 0 4px}
input{box-sizing:border-box;width:100%;padding:9px 10px;font:inherit;border:1px solid #8a94a6;border-radius:6px}
input:focus,button:focus{outline:3px solid #8db4ff;outline-offset:1px}
button{margin-top:16px;padding:10px 18px;font:inherit;font-weight:600;color:#fff;background:#1f5fbf;border:0;border-radius:6px;cursor:pointer}
.hint{font-size:.9rem;color:#4a5160}
.error{color:#a4161a;background:#fdecec;padding:10px 12px;border-radius:6px}
`;

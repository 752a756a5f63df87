// Preloaded with `node -r`: points every xero-node API class at $XERO_TEST_BASE_URL; the snippets stay as written.
// The SDK builds each request URL from the `basePath` accessor of its API class, so replacing the accessor on
// the prototype redirects every call (and `xero.accountingApi.basePath`, which generic calls read).  The
// variable is read at each call, so a runner may change it between snippets.  The original path is kept:
// https://api.xero.com/api.xro/2.0 becomes $XERO_TEST_BASE_URL/api.xro/2.0.
'use strict';
const sdk = require('xero-node');

for (const [name, cls] of Object.entries(sdk)) {
  if (!name.endsWith('Api') || typeof cls !== 'function') continue;
  const accessor = Object.getOwnPropertyDescriptor(cls.prototype, 'basePath');
  if (!accessor || !accessor.get) continue;
  Object.defineProperty(cls.prototype, 'basePath', {
    configurable: true,
    get() {
      const host = process.env.XERO_TEST_BASE_URL;
      if (!host) throw new Error('XERO_TEST_BASE_URL is not set');
      return host.replace(/\/$/, '') + new URL(accessor.get.call(this)).pathname.replace(/\/$/, '');
    },
    set(value) {
      accessor.set.call(this, value);
    },
  });
}

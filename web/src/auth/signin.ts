/**
 * The sign-in, loaded on demand (with oidc-client-ts) when /config.json names an issuer: the
 * controller over the real issuer in this browser window.
 */
import { AuthController, browserEnvironment } from './controller';
import { createIssuerClient } from './oidc';

export function createAuthController(): AuthController {
  return new AuthController((oidc) => Promise.resolve(createIssuerClient(oidc)), browserEnvironment());
}

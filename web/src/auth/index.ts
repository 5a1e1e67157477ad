/**
 * The dashboard's sign-in as the rest of the app sees it: a state to render and the hooks the API
 * client asks. Everything behind it (the controller, oidc-client-ts) is a separate chunk, fetched
 * only when /config.json names an issuer; without one the state goes "off" and no sign-in code
 * runs or loads. Without /config.json at all it stops with a problem that says so: whether reads
 * need a sign-in is not guessed.
 */
import { useSyncExternalStore } from 'react';
import { setAuthHooks, type AuthHooks, type RuntimeConfig } from '../api/client';
import type { AuthController, AuthState } from './controller';
import type { SignInProblem } from './logic';

const NOT_LOADED = {
  title: 'The sign-in could not start',
  message: 'Part of the dashboard did not load. Check the connection and try again.',
  code: null,
};

const noConfig = (error: unknown): SignInProblem => ({
  title: 'The dashboard could not start',
  message: error instanceof Error ? error.message : String(error),
  code: null,
});

class Auth implements AuthHooks {
  private state: AuthState = { status: 'pending', user: null, problem: null };
  private readonly listeners = new Set<() => void>();
  private controller: AuthController | null = null;
  private loadConfig: (() => Promise<RuntimeConfig>) | null = null;
  /** The problem shown is that /config.json could not be read. */
  private configFailed = false;
  private loaded!: (controller: AuthController | null) => void;
  /** The controller once loaded; null without an issuer (or when it could not load). */
  private readonly ready = new Promise<AuthController | null>((resolve) => (this.loaded = resolve));

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): AuthState => this.state;

  private set(state: AuthState) {
    this.state = state;
    this.listeners.forEach((l) => l());
  }

  /** Reads the runtime config (with its own retries), then starts; a config that cannot be read is a problem to show. */
  begin(loadConfig: () => Promise<RuntimeConfig>) {
    this.loadConfig = loadConfig;
    loadConfig().then(
      (config) => this.start(config),
      (error: unknown) => {
        this.configFailed = true;
        this.set({ status: 'error', user: null, problem: noConfig(error) });
      },
    );
  }

  private start(config: RuntimeConfig) {
    if (this.state.status !== 'pending') return;
    if (!config.oidc) {
      this.loaded(null);
      this.set({ status: 'off', user: null, problem: null });
      return;
    }
    this.set({ status: 'starting', user: null, problem: null });
    import('./signin').then(
      ({ createAuthController }) => {
        const controller = createAuthController();
        this.controller = controller;
        controller.subscribe(() => this.set(controller.getState()));
        this.loaded(controller);
        void controller.start(config);
      },
      () => {
        this.loaded(null);
        this.set({ status: 'error', user: null, problem: NOT_LOADED });
      },
    );
  }

  async token(optional: boolean): Promise<string | null> {
    const controller = await this.ready;
    if (controller) return controller.token(optional);
    if (optional || this.state.status === 'off') return null;
    throw new Error('Sign-in required');
  }

  async renew(rejected: string): Promise<string> {
    const controller = await this.ready;
    if (!controller) throw new Error('Sign-in required');
    return controller.renew(rejected);
  }

  rejected() {
    this.controller?.rejected();
  }

  accepted() {
    this.controller?.accepted();
  }

  /** "Try again" after a problem: the config once more when it was the config, else the sign-in. */
  retry() {
    if (this.controller) this.controller.retry();
    else if (this.configFailed && this.loadConfig) {
      this.configFailed = false;
      this.set({ status: 'pending', user: null, problem: null });
      this.begin(this.loadConfig);
    } else window.location.reload();
  }

  signOut() {
    this.controller?.signOut();
  }
}

export const auth = new Auth();

/** Wires the sign-in into the API client and starts it once the runtime config is read. */
export function startAuth(loadConfig: () => Promise<RuntimeConfig>) {
  setAuthHooks(auth);
  auth.begin(loadConfig);
}

export function useAuth(): AuthState {
  return useSyncExternalStore(auth.subscribe, auth.getState, auth.getState);
}

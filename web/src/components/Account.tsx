/** Sign-in in the UI: who is signed in (header), and the screens while signing in or out or after a failure. */
import { useEffect, useId, useRef, useState } from 'react';
import { auth, useAuth } from '../auth';
import type { AuthStatus } from '../auth/controller';
import { ErrorState } from './ErrorState';
import { LockIcon, SignOutIcon } from './Icons';

/**
 * The signed-in reader and "Sign out", in the header; nothing when reads are open. On a phone
 * the avatar is a button that opens the same in a small menu.
 */
export function AccountMenu() {
  const { status, user } = useAuth();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      setOpen(false);
      toggle.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [open]);

  if (status !== 'signed-in' || !user) return null;
  const signOut = () => {
    setOpen(false);
    auth.signOut();
  };
  return (
    <div className="user-menu" data-testid="account" ref={root}>
      <span className="user-avatar" aria-hidden="true">
        {user.initials}
      </span>
      <span className="user-name" title={`Signed in as ${user.detail}`} data-testid="account-name">
        <span className="sr-only">Signed in as </span>
        {user.name}
      </span>
      <button type="button" className="button button-secondary button-small user-sign-out" onClick={signOut}>
        <SignOutIcon size={14} />
        Sign out
      </button>

      <button
        ref={toggle}
        type="button"
        className="user-toggle"
        aria-label={`Account: ${user.name}`}
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="user-avatar" aria-hidden="true">
          {user.initials}
        </span>
      </button>
      {open && (
        <div className="user-popover" id={menuId} role="group" aria-label="Account" data-testid="account-menu">
          <p className="user-popover-who">
            <span className="muted">Signed in as</span>
            <strong>{user.name}</strong>
            {user.extra && <span className="muted small">{user.extra}</span>}
          </p>
          <button type="button" className="button button-secondary button-small" onClick={signOut}>
            <SignOutIcon size={14} />
            Sign out
          </button>
        </div>
      )}
    </div>
  );
}

/** Whether the views wait for the sign-in (instead of showing data or asking the API). */
export function blocksViews(status: AuthStatus): boolean {
  return status === 'starting' || status === 'redirecting' || status === 'signing-out' || status === 'error';
}

const PROGRESS: Partial<Record<AuthStatus, { title: string; text: string }>> = {
  pending: { title: 'Signing in…', text: 'Finishing the sign-in.' },
  starting: { title: 'Signing in…', text: 'Finishing the sign-in.' },
  redirecting: { title: 'Signing in…', text: 'Taking you to the sign-in page; you will come back to this view.' },
  'signing-out': { title: 'Signing out…', text: 'Ending your session at the sign-in service.' },
};

/** In place of the views while signing in or out, or when the sign-in stopped with a problem. */
export function AuthScreen({ atCallback = false }: { atCallback?: boolean }) {
  const { status, problem } = useAuth();
  if (status === 'error' && problem) {
    return (
      <section className="page auth-screen" aria-labelledby="auth-title">
        <ErrorState
          level={1}
          headingId="auth-title"
          className="auth-panel"
          testId="auth-error"
          messageTestId="auth-error-message"
          title={problem.title}
          error={problem.message}
          action={{ label: problem.action ?? 'Try again', onClick: () => auth.retry() }}
        >
          {problem.code && (
            <p className="auth-code">
              Error code: <code>{problem.code}</code>
            </p>
          )}
        </ErrorState>
      </section>
    );
  }
  const progress = PROGRESS[status] ?? (atCallback ? PROGRESS.starting : undefined);
  if (!progress) return null;
  const redirecting = status === 'redirecting';
  return (
    <section className="page auth-screen" aria-labelledby="auth-title" aria-busy="true">
      <div className="empty-state auth-panel" role="status" data-testid="auth-progress" data-status={status}>
        {redirecting ? <LockIcon size={28} /> : <span className="spinner" aria-hidden="true" />}
        <h1 id="auth-title">{progress.title}</h1>
        <p>{progress.text}</p>
        {redirecting && <span className="spinner spinner-small" aria-hidden="true" />}
      </div>
    </section>
  );
}

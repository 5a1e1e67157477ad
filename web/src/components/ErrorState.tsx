import type { ReactNode } from 'react';
import { isApiError } from '../api/client';
import { errorMessage } from '../lib/errors';
import { AlertIcon } from './Icons';

interface Props {
  title: string;
  /** The error itself (its message is shown) or a message. */
  error: unknown;
  /**
   * The button that tries again (or resets); none when omitted. While `pending` (the new try is
   * on its way) it says so and cannot be pressed again.
   */
  action?: { label: string; onClick: () => void; pending?: boolean };
  /** Heading level: 1 when it is the whole page (sign-in), 2 on a page, 3 inside the post drawer. */
  level?: 1 | 2 | 3;
  /** The heading's id, for a region it labels. */
  headingId?: string;
  className?: string;
  /** A line under a list that keeps what it shows, instead of a block in place of the page. */
  inline?: boolean;
  testId?: string;
  messageTestId?: string;
  children?: ReactNode;
}

/** What every view shows when what it asked for could not be loaded. */
export function ErrorState({ title, error, action, level = 2, headingId, className, inline, testId, messageTestId, children }: Props) {
  if (inline) {
    return (
      <div className="inline-error" role="alert" data-testid={testId}>
        <span>
          {title}: <span data-testid={messageTestId}>{errorMessage(error)}</span>
        </span>
        {children}
        {action && <ActionButton action={action} className="button button-secondary" />}
      </div>
    );
  }
  const Heading = (['h1', 'h2', 'h3'] as const)[level - 1];
  return (
    <div className={className ? `empty-state ${className}` : 'empty-state'} role="alert" data-testid={testId}>
      <AlertIcon size={28} />
      <Heading id={headingId}>{title}</Heading>
      <p data-testid={messageTestId}>{errorMessage(error)}</p>
      {children}
      {action && <ActionButton action={action} className="button" />}
    </div>
  );
}

function ActionButton({ action, className }: { action: NonNullable<Props['action']>; className: string }) {
  return (
    <button type="button" className={className} onClick={action.onClick} disabled={action.pending} aria-busy={action.pending || undefined}>
      {action.pending ? 'Loading…' : action.label}
    </button>
  );
}

/**
 * Under a list whose next, older page could not be loaded. A refused cursor (400: from another
 * deployment, or too old) fails the same way again, so the list can only start over; any other
 * failure can be retried.
 */
export function OlderPageError({ items, error, retry, retrying = false, restart }: { items: string; error: unknown; retry: () => void; retrying?: boolean; restart: () => void }) {
  const refused = isApiError(error) && error.status === 400;
  return (
    <ErrorState
      inline
      title={`Older ${items} could not be loaded`}
      error={error}
      testId="older-page-error"
      action={refused ? { label: 'Start over', onClick: restart } : { label: 'Retry', onClick: retry, pending: retrying }}
    />
  );
}

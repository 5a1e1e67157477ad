import type { ReactNode } from 'react';
import { errorMessage } from '../lib/errors';
import { AlertIcon } from './Icons';

interface Props {
  title: string;
  /** The error itself (its message is shown) or a message. */
  error: unknown;
  /** The button that tries again (or resets); none when omitted. */
  action?: { label: string; onClick: () => void };
  /** Heading level: 1 when it is the whole page (sign-in), 2 on a page, 3 inside the post drawer. */
  level?: 1 | 2 | 3;
  /** The heading's id, for a region it labels. */
  headingId?: string;
  className?: string;
  testId?: string;
  messageTestId?: string;
  children?: ReactNode;
}

/** What every view shows when what it asked for could not be loaded. */
export function ErrorState({ title, error, action, level = 2, headingId, className, testId, messageTestId, children }: Props) {
  const Heading = (['h1', 'h2', 'h3'] as const)[level - 1];
  return (
    <div className={className ? `empty-state ${className}` : 'empty-state'} role="alert" data-testid={testId}>
      <AlertIcon size={28} />
      <Heading id={headingId}>{title}</Heading>
      <p data-testid={messageTestId}>{errorMessage(error)}</p>
      {children}
      {action && (
        <button type="button" className="button" onClick={action.onClick}>
          {action.label}
        </button>
      )}
    </div>
  );
}

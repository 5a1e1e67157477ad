import type { ReactNode } from 'react';
import { errorMessage } from '../lib/errors';
import { AlertIcon } from './Icons';

interface Props {
  title: string;
  /** The error itself (its message is shown) or a message. */
  error: unknown;
  /** The button that tries again (or resets); none when omitted. */
  action?: { label: string; onClick: () => void };
  /** Heading level: 2 on a page, 3 inside the post drawer. */
  level?: 2 | 3;
  testId?: string;
  messageTestId?: string;
  children?: ReactNode;
}

/** What every view shows when what it asked for could not be loaded. */
export function ErrorState({ title, error, action, level = 2, testId, messageTestId, children }: Props) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <div className="empty-state" role="alert" data-testid={testId}>
      <AlertIcon size={28} />
      <Heading>{title}</Heading>
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

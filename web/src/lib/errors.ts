/**
 * The API answers a bad parameter with 400 and a message that starts with the parameter's name
 * ("handle: must be up to 50 X handles separated by spaces"). This maps it to the control that
 * sets that parameter, so the message can be shown next to it.
 */
import type { FilterField } from './filters';

const FIELD_OF_PARAM: Record<string, FilterField> = {
  since: 'range',
  until: 'range',
  range: 'range',
  tier: 'tier',
  handle: 'handle',
  significant: 'significant',
  q: 'q',
};

export interface FieldError {
  /** The filter control the message belongs to, or null when none (e.g. limit, cursor). */
  field: FilterField | null;
  /** The parameter the API named, if it named one. */
  param: string | null;
  /** The message without the "param: " prefix. */
  detail: string;
  message: string;
}

const PREFIX = /^\s*([a-z_][a-z0-9_]*)\s*:\s*(.*)$/is;

export function fieldError(message: string): FieldError {
  const m = PREFIX.exec(message);
  if (!m) return { field: null, param: null, detail: message.trim(), message };
  const param = m[1].toLowerCase();
  const field = Object.hasOwn(FIELD_OF_PARAM, param) ? FIELD_OF_PARAM[param] : null;
  const detail = m[2].trim();
  return { field, param, detail: detail || message.trim(), message };
}

/** The message of anything thrown or rejected, for showing to the reader. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? 'Unknown error';
  } catch {
    return 'Unknown error';
  }
}

import { useCallback, useMemo } from 'react';
import { useLocation, useSearch } from 'wouter';
import { filtersSearch, parseFilters, type Filters } from './filters';

/**
 * The feed's filters as the URL holds them, and a way to change them on the page at `path` (the
 * feed's, or another that takes the same filters): a new history entry, or with `replace` the
 * current one (a value still being edited).
 */
export function useFilters(path = '/') {
  const search = useSearch();
  const [, navigate] = useLocation();
  const filters = useMemo(() => parseFilters(search), [search]);
  const setFilters = useCallback(
    (next: Filters, options?: { replace?: boolean }) => navigate(`${path}${filtersSearch(next)}`, { replace: options?.replace ?? false }),
    [navigate, path],
  );
  return { filters, setFilters, search: search ? `?${search}` : '' };
}

import { useCallback, useMemo } from 'react';
import { useLocation, useSearch } from 'wouter';
import { filtersSearch, parseFilters, type Filters } from './filters';

/**
 * The feed's filters as the URL holds them, and a way to change them (a new history entry) on
 * the page at `path` (the feed's, or another that takes the same filters).
 */
export function useFilters(path = '/') {
  const search = useSearch();
  const [, navigate] = useLocation();
  const filters = useMemo(() => parseFilters(search), [search]);
  const setFilters = useCallback((next: Filters) => navigate(`${path}${filtersSearch(next)}`), [navigate, path]);
  return { filters, setFilters, search: search ? `?${search}` : '' };
}

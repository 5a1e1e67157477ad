import { useCallback, useMemo } from 'react';
import { useLocation, useSearch } from 'wouter';
import { filtersSearch, parseFilters, type Filters } from './filters';

/** The feed's filters as the URL holds them, and a way to change them (a new history entry). */
export function useFilters() {
  const search = useSearch();
  const [, navigate] = useLocation();
  const filters = useMemo(() => parseFilters(search), [search]);
  const setFilters = useCallback((next: Filters) => navigate(`/${filtersSearch(next)}`), [navigate]);
  return { filters, setFilters, search: search ? `?${search}` : '' };
}

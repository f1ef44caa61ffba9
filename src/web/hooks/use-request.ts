import { useCallback, useEffect, useState, type DependencyList } from 'react';
import { ApiError, isAbort } from '../api/request.ts';

export interface RequestState<T> {
  data: T | undefined;
  loading: boolean;
  error: ApiError | null;
  /** Fetches again with the same inputs (after a write). */
  reload: () => void;
  /** Replaces the data locally, e.g. with the result of a PATCH. */
  setData: (data: T) => void;
}

/**
 * Loads data for a page and reloads when `deps` change. The previous request is aborted, so a slow
 * answer for an old filter never overwrites a newer one. Errors were already shown by the request
 * policy; they are kept here for the page to render an empty or error state.
 */
export function useRequest<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): RequestState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    load(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (controller.signal.aborted || isAbort(err)) return;
        setError(err instanceof ApiError ? err : new ApiError(0, 'CLIENT', '页面出错，请刷新重试'));
        setLoading(false);
      },
    );
    return () => controller.abort();
    // `load` is a fresh closure every render; its inputs are `deps`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, loading, error, reload, setData };
}

import { App } from 'antd';
import { useEffect, useRef } from 'react';
import { useBlocker } from 'react-router';

/**
 * While `dirty`, leaving the page asks first: inside the app (a dialog) and on reload or close (the
 * browser's). Returns a function that lets the next navigation through (after deleting what was edited).
 */
export function useLeaveGuard(dirty: boolean, what: string): () => void {
  const { modal } = App.useApp();
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirtyRef.current && currentLocation.pathname !== nextLocation.pathname);
  const blockerRef = useRef(blocker);
  blockerRef.current = blocker;
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    // One dialog per blocked navigation: the effect keys on the state, not on the blocker object.
    modal.confirm({
      title: `${what}有未保存的修改`,
      content: '离开后这些修改将丢失。确定离开吗？',
      okText: '离开',
      cancelText: '留在此页',
      onOk: () => blockerRef.current.proceed?.(),
      onCancel: () => blockerRef.current.reset?.(),
    });
  }, [blocker.state, modal, what]);
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (dirtyRef.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);
  return () => {
    dirtyRef.current = false;
  };
}

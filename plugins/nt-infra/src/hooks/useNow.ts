import { useEffect, useState } from 'react';

/**
 * The current time, re-read every `intervalMs`, so "5 s ago" keeps counting
 * even when no new data arrives — which is exactly when it matters.
 */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

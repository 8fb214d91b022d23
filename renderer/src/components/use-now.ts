import { useEffect, useState } from 'react';

/**
 * The current time for relative formatting ("today" shows a time), refreshed every minute so a list
 * left open overnight does not keep calling yesterday "today".
 */
export function useNow(intervalMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

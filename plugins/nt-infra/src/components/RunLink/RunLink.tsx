import { useRouteRef } from '@backstage/frontend-plugin-api';
import { Link } from '@backstage/ui';
import { ReactNode } from 'react';
import { historyRouteRef } from '../../routes';

/** The path of a run's page, or undefined where the History tab is not mounted. */
export function useRunHref(): (id: string) => string | undefined {
  const history = useRouteRef(historyRouteRef);
  return id =>
    history ? `${history()}?run=${encodeURIComponent(id)}` : undefined;
}

/** A link to a run's page; plain text where the History tab is not mounted. */
export function RunLink(props: { id: string; children: ReactNode }) {
  const href = useRunHref()(props.id);
  return href ? (
    <Link href={href}>{props.children}</Link>
  ) : (
    <>{props.children}</>
  );
}

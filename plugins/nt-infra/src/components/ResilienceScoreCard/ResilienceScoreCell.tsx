import { useApi } from '@backstage/core-plugin-api';
import { ResilienceScore } from '@internal/plugin-nt-infra-common';
import { useEffect, useState } from 'react';
import { ntInfraApiRef } from '../../api';
import { resilienceBatcherFor } from '../../lib/resilienceBatcher';
import { StatusBadge } from '../StatusBadge';
import { scoreTone } from './scoreTone';

/**
 * A catalog table cell: the entity's score, fetched with every other cell of
 * the page in one request.
 */
export function ResilienceScoreCell(props: { entityRef: string }) {
  const api = useApi(ntInfraApiRef);
  const [state, setState] = useState<{
    score?: ResilienceScore;
    error?: Error;
    loaded: boolean;
  }>({ loaded: false });
  useEffect(() => {
    let active = true;
    resilienceBatcherFor(api)
      .load(props.entityRef)
      .then(
        score => active && setState({ score, loaded: true }),
        error => active && setState({ error, loaded: true }),
      );
    return () => {
      active = false;
    };
  }, [api, props.entityRef]);
  if (!state.loaded) return <span aria-label="Loading score">…</span>;
  if (state.error) {
    return <span title={state.error.message}>unavailable</span>;
  }
  if (!state.score) return <span>—</span>;
  return (
    <StatusBadge tone={scoreTone(state.score.score)} label="Resilience score">
      {state.score.score}
    </StatusBadge>
  );
}

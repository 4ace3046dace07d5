import { ClusterProvider } from '../../providers/clusters/ClusterProvider';
import { BlastRadiusPort } from '../policy/ports';
import { previewBlastRadius } from './blastRadius';

/** The run policy's blast-radius port over the clusters' live pods. */
export function clusterBlastRadius(clusters: ClusterProvider): BlastRadiusPort {
  return {
    measure: query => previewBlastRadius({ ...query, clusters }),
  };
}

import { Button } from '@backstage/ui';

/** "Load more" under a paged list, shown only while there is a next page. */
export function LoadMoreButton(props: {
  nextCursor?: string;
  loading: boolean;
  onLoadMore: () => void;
}) {
  if (!props.nextCursor) return null;
  return (
    <div>
      <Button
        variant="secondary"
        onPress={props.onLoadMore}
        isPending={props.loading}
      >
        Load more
      </Button>
    </div>
  );
}

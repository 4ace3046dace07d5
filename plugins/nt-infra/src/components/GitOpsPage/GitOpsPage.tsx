import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import { Button, Container, Flex } from '@backstage/ui';
import { ChangeForm } from './ChangeForm';
import { ChangeList } from './ChangeList';
import { ChangeRequestPage } from './ChangeRequestPage';

/**
 * The GitOps tab: a new change and the list of change requests, or with
 * `?change=<id>` one request's page (linkable, like a run's page).
 */
export function GitOpsPage() {
  const [params, setParams] = useAppSearchParams();
  const changeId = params.get('change');

  if (changeId) {
    return (
      <Container my="4">
        <Flex direction="column" gap="3">
          <div>
            <Button variant="tertiary" onPress={() => setParams({})}>
              ← All change requests
            </Button>
          </div>
          <ChangeRequestPage key={changeId} id={changeId} />
        </Flex>
      </Container>
    );
  }
  return (
    <Container my="4">
      <Flex direction="column" gap="5">
        <ChangeForm onCreated={cr => setParams({ change: cr.id })} />
        <ChangeList />
      </Flex>
    </Container>
  );
}

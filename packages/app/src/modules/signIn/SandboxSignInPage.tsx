import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import {
  configApiRef,
  discoveryApiRef,
  SignInPageProps,
  useApi,
} from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { ResponseError } from '@backstage/errors';
import { useEffect, useState } from 'react';
import { ProxiedSession } from './ProxiedSession';
import { readSandboxUsers } from './sandboxUsers';
import {
  forgetChoice,
  readRememberedChoice,
  rememberChoice,
  SignInChoice,
} from './signInChoice';

type State =
  | { status: 'restoring' }
  | { status: 'choosing'; error?: string }
  | { status: 'signing-in'; choice: SignInChoice };

/**
 * Sign-in for the embedded default: Guest, or one of the catalog users of
 * `auth.providers.sandbox-users` so that a requester and an approver can be
 * played in turn. A reload signs in again with the remembered choice.
 */
export function SandboxSignInPage({ onSignInSuccess }: SignInPageProps) {
  const discovery = useApi(discoveryApiRef);
  const config = useApi(configApiRef);
  const users = readSandboxUsers(config);
  const [state, setState] = useState<State>({ status: 'restoring' });

  useEffect(() => {
    const remembered = readRememberedChoice();
    if (!remembered) {
      setState({ status: 'choosing' });
      return;
    }
    ProxiedSession.start(remembered, discovery).then(onSignInSuccess, () => {
      // The remembered user may be gone from the config, or the backend
      // down: choose again rather than be signed in silently later.
      forgetChoice();
      setState({ status: 'choosing' });
    });
  }, [discovery, onSignInSuccess]);

  const signIn = async (choice: SignInChoice) => {
    setState({ status: 'signing-in', choice });
    try {
      const session = await ProxiedSession.start(choice, discovery);
      rememberChoice(choice);
      onSignInSuccess(session);
    } catch (error) {
      setState({ status: 'choosing', error: reasonOf(error) });
    }
  };

  if (state.status === 'restoring') {
    return <Progress />;
  }
  const busy = state.status === 'signing-in';
  return (
    <Page themeId="home">
      <Header title={config.getOptionalString('app.title') ?? 'Backstage'} />
      <Content>
        {state.status === 'choosing' && state.error && (
          <WarningPanel
            severity="error"
            title="Sign-in failed"
            message={state.error}
          />
        )}
        <Grid container spacing={3}>
          <Grid item xs={12} md={4}>
            <InfoCard
              title="Guest"
              variant="fullHeight"
              actions={
                <Button
                  color="primary"
                  variant="outlined"
                  disabled={busy}
                  onClick={() => signIn({ provider: 'guest' })}
                >
                  Enter
                </Button>
              }
            >
              <Typography variant="body1">
                Sign in as the local guest, who may do everything in the sandbox
                world.
              </Typography>
            </InfoCard>
          </Grid>
          {users.length > 0 && (
            <Grid item xs={12} md={8}>
              <InfoCard title="Sandbox users" variant="fullHeight">
                <Typography variant="body1">
                  Development only: sign in as a catalog user to see the portal
                  with their role, for example to request a production window as
                  one user and approve it as another.
                </Typography>
                <List aria-label="Sandbox users">
                  {users.map(({ user, description }) => (
                    <ListItem key={user} disableGutters>
                      <ListItemText primary={user} secondary={description} />
                      <Button
                        color="primary"
                        variant="outlined"
                        disabled={busy}
                        onClick={() =>
                          signIn({ provider: 'sandbox-users', user })
                        }
                      >
                        Sign in as {user}
                      </Button>
                    </ListItem>
                  ))}
                </List>
              </InfoCard>
            </Grid>
          )}
        </Grid>
      </Content>
    </Page>
  );
}

/** The backend's own explanation when there is one (it names the problem). */
function reasonOf(error: unknown): string {
  if (error instanceof ResponseError) {
    return error.cause.message;
  }
  return error instanceof Error ? error.message : String(error);
}

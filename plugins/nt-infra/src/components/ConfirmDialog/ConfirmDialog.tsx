import {
  Alert,
  Button,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
} from '@backstage/ui';
import { ReactNode, useState } from 'react';
import { errorMessage } from '../../lib/errors';

/**
 * A modal that says in words what an action will do to production before it
 * does it. The action's failure (a policy refusal, a 403) stays in the dialog
 * with the server's reason, so the user sees why nothing happened.
 */
export function ConfirmDialog(props: {
  isOpen: boolean;
  title: string;
  children: ReactNode;
  confirm: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
  destructive?: boolean;
}) {
  const { isOpen, title, children, confirm, onConfirm, onClose } = props;
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  const close = () => {
    setError(undefined);
    onClose();
  };
  const run = async () => {
    setPending(true);
    setError(undefined);
    try {
      await onConfirm();
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  };

  return (
    <Dialog isOpen={isOpen} onOpenChange={open => !open && close()}>
      <DialogHeader>{title}</DialogHeader>
      <DialogBody>
        {children}
        {error ? <Alert role="alert" status="danger" title={error} /> : null}
      </DialogBody>
      <DialogFooter>
        <Button variant="secondary" onPress={close}>
          Cancel
        </Button>
        <Button
          destructive={props.destructive}
          isPending={pending}
          isDisabled={pending}
          onPress={run}
        >
          {confirm}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}

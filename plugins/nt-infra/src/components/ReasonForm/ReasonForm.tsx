import { Alert, Button, TextField } from '@backstage/ui';
import { FormEvent, useState } from 'react';
import { errorMessage } from '../../lib/errors';
import styles from '../../lib/forms.module.css';

/**
 * A consequential action behind a reason: the button opens a text field and
 * a confirm button, so stopping a run or halting everything takes two
 * deliberate clicks and always leaves a "why" in the audit trail. Failures
 * (a 403, a 409 with the server's reason) show next to the form.
 */
export function ReasonForm(props: {
  /** The button that opens the form, e.g. "Stop". */
  action: string;
  /** The confirm button, e.g. "Stop run". */
  confirm: string;
  /** The field's label, e.g. "Why stop it?". */
  fieldLabel: string;
  onSubmit: (reason: string) => Promise<void>;
  destructive?: boolean;
  /** A reason is required unless false (cancelling a window). */
  required?: boolean;
  /** Open at once, for forms that are the whole point of their panel. */
  initiallyOpen?: boolean;
}) {
  const { action, confirm, fieldLabel, onSubmit, destructive } = props;
  const required = props.required ?? true;
  const [open, setOpen] = useState(props.initiallyOpen ?? false);
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  if (!open) {
    return (
      <Button
        variant={destructive ? 'primary' : 'secondary'}
        destructive={destructive}
        onPress={() => setOpen(true)}
      >
        {action}
      </Button>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      await onSubmit(reason.trim());
      setOpen(false);
      setReason('');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label={action}>
      <div className={styles.inline}>
        <TextField
          label={fieldLabel}
          value={reason}
          onChange={setReason}
          isRequired={required}
          size="small"
        />
        <Button
          type="submit"
          destructive={destructive}
          isDisabled={(required && !reason.trim()) || pending}
          isPending={pending}
        >
          {confirm}
        </Button>
        <Button variant="tertiary" onPress={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
      {error ? <Alert role="alert" status="danger" title={error} /> : null}
    </form>
  );
}

import { Alert, Button, TextField } from '@backstage/ui';
import { FormEvent, useState } from 'react';
import { errorMessage } from '../../lib/errors';
import forms from '../../lib/forms.module.css';

/**
 * Adds a line to the GameDay's log. The backend files it under the step under
 * way, so the note lands next to what it is about; it appears in the steps
 * table with the next poll.
 */
export function NoteForm(props: { onAdd: (text: string) => Promise<void> }) {
  const [text, setText] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      await props.onAdd(text.trim());
      setText('');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label="Add a note">
      <div className={forms.inline}>
        <TextField
          label="Note"
          value={text}
          onChange={setText}
          size="small"
          // The backend's limit; longer text would be refused with a 400.
          maxLength={2000}
        />
        <Button
          type="submit"
          variant="secondary"
          isDisabled={!text.trim() || pending}
          isPending={pending}
        >
          Add note
        </Button>
      </div>
      {error ? <Alert role="alert" status="danger" title={error} /> : null}
    </form>
  );
}

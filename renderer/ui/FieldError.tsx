/** Shows the API's refusal inside a dialog, where the person is looking. */
export function FieldError({ message }: { message: string | null }) {
  return message ? (
    <p className="field-error" role="alert">
      {message}
    </p>
  ) : null;
}

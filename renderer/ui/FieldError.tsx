/** Shows the API's refusal inside a dialog, where the person is looking. */
export function FieldError({ message }: { message: string | null }) {
  return message ? (
    <p className="field-error" role="alert">
      {message}
    </p>
  ) : null;
}

/**
 * An API refusal shown under the one field it names: "title: a title cannot be empty." reads
 * "A title cannot be empty." there (the field is where the person is looking). A message naming
 * several fields, or none, is left as it is.
 */
export function atField(message: string, field: string): string {
  const prefix = `${field}: `;
  if (!message.startsWith(prefix) || message.includes('; ')) return message;
  const rest = message.slice(prefix.length);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

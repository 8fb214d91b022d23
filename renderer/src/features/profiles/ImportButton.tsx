import { type ChangeEvent, type ReactNode, useRef } from 'react';

/** A button that picks a profiles export (.json) and hands over the file; the input stays hidden. */
export function ImportButton({
  onFile,
  className,
  label,
  title,
  disabled,
  children,
}: {
  onFile: (file: File) => void;
  className: string;
  label?: string;
  title?: string;
  disabled?: boolean;
  children: ReactNode;
}) {
  const fileRef = useRef<HTMLInputElement>(null);
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) onFile(file);
  };
  return (
    <>
      <button
        type="button"
        className={className}
        aria-label={label}
        title={title}
        disabled={disabled}
        onClick={() => fileRef.current?.click()}
      >
        {children}
      </button>
      <input
        ref={fileRef}
        type="file"
        accept=".json,application/json"
        className="sr-only"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="import-file"
        onChange={onChange}
      />
    </>
  );
}

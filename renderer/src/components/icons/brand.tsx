/** The product mark: an envelope under a lens, on the accent colour. */
export function Logo({ size = 40 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 40 40" aria-hidden="true" focusable="false" className="logo">
      <rect width="40" height="40" rx="9" className="logo__bg" />
      <g fill="none" stroke="#fff" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <rect x="8" y="11" width="20" height="14.5" rx="2" />
        <path d="m8.8 12.4 9.2 7 9.2-7" />
        <circle cx="27" cy="26" r="5" className="logo__lens" />
        <path d="m30.6 29.6 3.2 3.2" />
      </g>
    </svg>
  );
}

/* ---- Shared mailboxes: diagnostics, profile actions ---- */

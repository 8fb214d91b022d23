import { type IconProps, Svg } from './svg';

// Icons of notices and of what the reader shows or holds back (remote images, links, headers).

export function WarningIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M7.1 2.6a1 1 0 0 1 1.8 0l5.2 9.6a1 1 0 0 1-.9 1.5H2.8a1 1 0 0 1-.9-1.5z" />
      <path d="M8 6.2v3" />
      <path d="M8 11.4h.01" strokeWidth={1.8} />
    </Svg>
  );
}

export function ErrorIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="8" cy="8" r="6" />
      <path d="M8 4.9v3.6" />
      <path d="M8 11h.01" strokeWidth={1.8} />
    </Svg>
  );
}

export function InfoIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="8" cy="8" r="6" />
      <path d="M8 7.2V11" />
      <path d="M8 5h.01" strokeWidth={1.8} />
    </Svg>
  );
}

export function ShieldIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M8 1.9 13.2 4v3.7c0 3-2.2 5.5-5.2 6.4-3-.9-5.2-3.4-5.2-6.4V4z" />
      <path d="m5.8 8 1.6 1.6 2.9-3" />
    </Svg>
  );
}

export function EyeIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M1.6 8S4 3.6 8 3.6 14.4 8 14.4 8 12 12.4 8 12.4 1.6 8 1.6 8z" />
      <circle cx="8" cy="8" r="2" />
    </Svg>
  );
}

export function ImageOffIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="2.2" y="2.8" width="11.6" height="10.4" rx="1.2" />
      <path d="m2.5 11 3.3-3.2 2.6 2.4" />
      <circle cx="10.4" cy="6" r="1.1" />
      <path d="m1.8 1.8 12.4 12.4" />
    </Svg>
  );
}

export function LinkOffIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M6.6 9.4 9.4 6.6" />
      <path d="M7.3 4.5 8.6 3.2a2.6 2.6 0 0 1 3.7 3.7L11 8.2" />
      <path d="M8.7 11.5 7.4 12.8a2.6 2.6 0 0 1-3.7-3.7L5 7.8" />
      <path d="m2 2 12 12" />
    </Svg>
  );
}

export function HeadersIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M2.5 4h3M2.5 8h3M2.5 12h3M7.5 4h6M7.5 8h6M7.5 12h4" />
    </Svg>
  );
}

export function KeyboardIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="1.6" y="4" width="12.8" height="8" rx="1.3" />
      <path d="M4.2 6.6h.01M6.7 6.6h.01M9.3 6.6h.01M11.8 6.6h.01M5 9.5h6" strokeWidth={1.5} />
    </Svg>
  );
}

import { type IconProps, Svg } from './svg';

// Icons of shared-mailbox profiles: diagnostics results and profile facts.

export function CheckCircleIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="8" cy="8" r="6" />
      <path d="m5.4 8.2 1.8 1.8 3.4-3.6" />
    </Svg>
  );
}

export function FailCircleIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="8" cy="8" r="6" />
      <path d="m5.9 5.9 4.2 4.2M10.1 5.9l-4.2 4.2" />
    </Svg>
  );
}

export function SkipCircleIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="8" cy="8" r="6" strokeDasharray="2 2" />
      <path d="M5.6 8h4.8" />
    </Svg>
  );
}

export function BookIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M2.5 3.2C4.3 2.6 6.4 2.8 8 4c1.6-1.2 3.7-1.4 5.5-.8v9.3c-1.8-.6-3.9-.4-5.5.8-1.6-1.2-3.7-1.4-5.5-.8z" />
      <path d="M8 4v9.3" />
    </Svg>
  );
}

export function KeyIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="5.5" cy="10.5" r="2.8" />
      <path d="m7.5 8.5 5.5-5.5M11 5l1.6 1.6M9.6 6.4l1.2 1.2" />
    </Svg>
  );
}

export function CloudIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M4.6 12.5a2.9 2.9 0 0 1-.3-5.8 3.9 3.9 0 0 1 7.5-.9 3.4 3.4 0 0 1-.2 6.7z" />
    </Svg>
  );
}

export function PersonIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="8" cy="5.3" r="2.6" />
      <path d="M2.8 13.5c.6-2.6 2.7-4.2 5.2-4.2s4.6 1.6 5.2 4.2" />
    </Svg>
  );
}

import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';

/**
 * A button that opens a menu of choices (WAI-ARIA APG "menu button"): Enter, Space or ↓ open it on
 * the checked (or first) item, ↑ on the last; ↑/↓/Home/End move, Enter or Space choose and close,
 * Escape closes and gives focus back to the button, Tab closes and moves on. Choices are
 * menuitemradio in labelled groups, so a screen reader says which one is in effect.
 */

export interface MenuChoice {
  id: string;
  label: string;
  checked: boolean;
  onSelect: () => void;
}

export interface MenuGroup {
  label: string;
  choices: MenuChoice[];
}

interface MenuButtonProps {
  /** What the button shows. */
  children: ReactNode;
  /** The button's accessible name (it should say what is in effect). */
  label: string;
  title?: string;
  groups: MenuGroup[];
  className?: string;
  testId?: string;
}

export function MenuButton({ children, label, title, groups, className, testId }: MenuButtonProps) {
  const [open, setOpen] = useState<'first' | 'last' | 'checked' | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const items = () =>
    Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitemradio"]') ?? []);

  // Focus goes into the menu as it opens, on the item the key asked for.
  useEffect(() => {
    if (!open) return;
    const all = items();
    const target =
      open === 'last'
        ? all[all.length - 1]
        : open === 'checked'
          ? (all.find((item) => item.getAttribute('aria-checked') === 'true') ?? all[0])
          : all[0];
    target?.focus();
  }, [open]);

  // A click anywhere else closes it, as native menus do.
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (event.target instanceof Node && wrapRef.current?.contains(event.target)) return;
      setOpen(null);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(null);
    if (refocus) buttonRef.current?.focus();
  };

  const onButtonKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      setOpen('checked');
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen('last');
    }
  };

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const all = items();
    const index = all.findIndex((item) => item === document.activeElement);
    const move = (to: number) => all[(to + all.length) % all.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        move(index + 1);
        break;
      case 'ArrowUp':
        move(index - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(all.length - 1);
        break;
      case 'Escape':
        close(true);
        break;
      case 'Tab':
        // Let the focus move on; just close behind it.
        setOpen(null);
        return;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div
      className="menu-button"
      ref={wrapRef}
      onBlur={(event) => {
        // Focus went somewhere else (a shortcut, a click elsewhere): the menu has nothing left to do.
        if (open && !(event.relatedTarget instanceof Node && wrapRef.current?.contains(event.relatedTarget)))
          setOpen(null);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className={className ?? 'button button--quiet'}
        aria-haspopup="menu"
        aria-expanded={open !== null}
        aria-controls={open ? menuId : undefined}
        aria-label={label}
        title={title}
        data-testid={testId}
        onClick={() => (open ? close(false) : setOpen('checked'))}
        onKeyDown={onButtonKey}
      >
        {children}
      </button>
      {open ? (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={label}
          className="menu"
          onKeyDown={onMenuKey}
          data-testid={testId ? `${testId}-menu` : undefined}
        >
          {groups.map((group) => (
            <div key={group.label} role="group" aria-label={group.label} className="menu__group">
              <div className="menu__heading" aria-hidden="true">
                {group.label}
              </div>
              {group.choices.map((choice) => (
                <div
                  key={choice.id}
                  role="menuitemradio"
                  aria-checked={choice.checked}
                  tabIndex={-1}
                  className="menu__item"
                  onClick={() => {
                    choice.onSelect();
                    close(true);
                  }}
                  onKeyDown={(event) => {
                    if (event.key !== 'Enter' && event.key !== ' ') return;
                    event.preventDefault();
                    choice.onSelect();
                    close(true);
                  }}
                >
                  <span className="menu__check" aria-hidden="true">
                    {choice.checked ? '✓' : ''}
                  </span>
                  {choice.label}
                </div>
              ))}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}

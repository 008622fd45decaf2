import { setTheme, THEME_CHOICES, useTheme, isThemeChoice } from '../styles/theme';

/** System, Light or Dark: the same choice as View > Theme in the desktop app. */
export function ThemeSelect() {
  const theme = useTheme();
  return (
    <select
      className="theme-select"
      aria-label="Theme"
      title="Theme"
      value={theme}
      onChange={(e) => {
        if (isThemeChoice(e.target.value)) setTheme(e.target.value);
      }}
    >
      {THEME_CHOICES.map((c) => (
        <option key={c.id} value={c.id}>
          {c.label}
        </option>
      ))}
    </select>
  );
}

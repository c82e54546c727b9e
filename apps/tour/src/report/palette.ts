/** Colours shared by the tour's charts and page (the course's red/blue "Spectral" look). */
export const palette = {
  /** Class 0 points. */
  red: '#d7301f',
  /** Class 1 points. */
  blue: '#2b6cb0',
  /** Region predicted as class 0. */
  redRegion: '#f9c9b6',
  /** Region predicted as class 1. */
  blueRegion: '#bcd7ee',
  /** Correct prediction. */
  good: '#2f855a',
  /** Wrong prediction. */
  bad: '#c53030',
  /** Body text. */
  ink: '#1a202c',
  /** Line series, in order. */
  series: ['#2b6cb0', '#dd6b20', '#2f855a', '#805ad5', '#c53030'],
} as const;

/** The font of chart text. */
export const chartFont = 'Helvetica, Arial, sans-serif';

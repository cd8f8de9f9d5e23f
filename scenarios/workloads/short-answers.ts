// One-line answers for the report's short fields. KS's schemas give several of these the pattern
// ^(.*)$, which does not match a line break, so nothing here may contain one.

/** privatBarn.relasjon: how a private reporter knows the child. */
export const RELATIONS: readonly string[] = [
  'Nabo', 'Besteforelder', 'Tante', 'Onkel', 'Trener på fotballaget', 'Venn av familien', 'Forelder til en klassevenn',
  'Mor', 'Far', 'Steforelder', 'Tidligere barnevakt', 'Søsken (voksen)',
];

/** orientertGrunn when the child or guardian was not told about the report. */
export const NOT_INFORMED_REASONS: readonly string[] = [
  'Synes det er vanskelig å snakke om dette.',
  'Barnet er for lite til å forstå.',
  'Frykter at barnet blir utsatt for mer vold om foresatte får vite det.',
  'Har ikke fått tak i foresatte på telefon.',
  'Barnet ba oss om ikke å si noe hjemme.',
  'Vurderte at det kunne skade samarbeidet med familien å orientere nå.',
  'Mistanke om at foresatt selv står bak.',
];

/** orientertGrunn for an unborn child, who cannot be told. */
export const UNBORN_REASON = 'Barnet er ikke født ennå.';

export const INTERPRETER_NEEDS: readonly string[] = [
  'Nei, de snakker norsk.',
  'Nei.',
  'Ja, mor trenger tolk på arabisk.',
  'Ja, far snakker lite norsk og trenger tolk på polsk.',
  'Ja, tigrinja-tolk.',
  'Usikkert, familien har brukt tolk på somali tidligere.',
  'Ja, familien snakker nordsamisk hjemme.',
];

export const OTHER_SERVICES: readonly string[] = [
  'Nei, ikke vært i kontakt med andre hjelpeinstanser.',
  'Helsestasjonen er kjent med familien.',
  'PPT har utredet eleven.',
  'BUP har hatt samtaler med barnet i fjor.',
  'NAV følger opp mor.',
  'Fastlegen er orientert.',
  'Politiet har vært involvert etter en hendelse i høst.',
];

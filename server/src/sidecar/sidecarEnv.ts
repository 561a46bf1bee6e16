// The sidecar gets an explicit environment, not the server's: the editor's environment can carry
// PYTHONPATH/PYTHONHOME or a virtualenv that would break a frozen bundle. Only what a process needs
// to run (PATH, home, locale, temp) and Samsara's own variables (SAMSARA_*) pass through.
const PASSED_THROUGH = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'LANG',
  'LANGUAGE',
  'TZ',
  'TMPDIR',
  'TEMP',
  'TMP',
  'SYSTEMROOT',
  'SYSTEMDRIVE',
  'WINDIR',
  'COMSPEC',
  'PATHEXT',
  'USERPROFILE',
  'APPDATA',
  'LOCALAPPDATA',
];

export function buildSidecarEnv(parent: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(parent)) {
    if (value === undefined) continue;
    if (PASSED_THROUGH.includes(key) || key.startsWith('LC_') || key.startsWith('SAMSARA_')) env[key] = value;
  }
  // Protocol lines must reach us unbuffered and as UTF-8 whatever the locale.
  env.PYTHONUNBUFFERED = '1';
  env.PYTHONIOENCODING = 'utf-8';
  return env;
}

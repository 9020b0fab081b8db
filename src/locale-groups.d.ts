/**
 * `locales/<lang>.<group>.json`: one group of `locales/<lang>.json`, split out by the build
 * (and by the test server), so that importing it leaves the rest of the file out.
 */
declare module '*.banner.json' {
  const texts: Readonly<Record<string, string>>;
  export default texts;
}
declare module '*.renew.json' {
  const texts: Readonly<Record<string, string>>;
  export default texts;
}
declare module '*.dialogs.json' {
  const texts: Readonly<Record<string, string>>;
  export default texts;
}

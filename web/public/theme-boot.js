// Runs before the first paint (a blocking script in <head>; the policy allows no inline code): the
// stored theme, or the system's, goes on <html> so a dark-mode reader never sees a light flash.
// src/lib/theme.ts keeps it up to date afterwards and reads the same key.
(function () {
  var theme;
  try {
    theme = localStorage.getItem('xmonitor.theme');
  } catch (e) {
    theme = null;
  }
  if (theme !== 'light' && theme !== 'dark') {
    theme = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
})();

// The words of the site's scripts, in the page's language. Scripts write English, as the
// templates do; the build writes each language's translations of those messages into
// data/words.js (generator/web/scripts.py, from the same catalogue as the pages), which
// the page loads before this. A message missing there stays English.
window.MakeLocal = (function () {
  "use strict";
  var words = window.MAKELOCAL_WORDS ||
    { messages: {}, plural: ["one", "other"], folder: "", shared: "", translated: [] };
  var language = document.documentElement.lang || "en";
  var rules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(language) : null;

  function fill(text, values) {
    return text.replace(/%\((\w+)\)s|%%/g, function (whole, name) {
      return name ? String(values[name]) : "%";
    });
  }

  // The plural form for a count: the catalogue's forms are in the order of the
  // language's plural categories (Unicode CLDR), which the browser tells a count's.
  function form(count) {
    var category = rules ? rules.select(count) : (count === 1 ? "one" : "other");
    var found = words.plural.indexOf(category);
    return found < 0 ? words.plural.length - 1 : found;
  }

  return {
    language: language,
    // Where this language's site is in the English one ("fr/"; "" for English), the way
    // back from it ("../"), and the English pages it has a translation of.
    folder: words.folder,
    shared: words.shared,
    translated: words.translated,
    _: function (message, values) {
      var found = words.messages[message];
      return fill(typeof found === "string" ? found : message, values || {});
    },
    ngettext: function (singular, plural, count, values) {
      var found = words.messages[singular];
      var forms = Array.isArray(found) ? found : [singular, plural];
      var chosen = forms[Math.min(form(count), forms.length - 1)];
      var all = { num: count };
      Object.keys(values || {}).forEach(function (k) { all[k] = values[k]; });
      return fill(chosen, all);
    },
    // A number as the page's language writes it: `1.25` in English, `1,25` in French.
    number: function (value, digits) {
      return value.toLocaleString(language, digits === undefined ? {} :
        { minimumFractionDigits: digits, maximumFractionDigits: digits });
    }
  };
})();

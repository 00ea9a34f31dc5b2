// Material's search worker, with one change: the search query is split into
// terms by the same separator as the index (mkdocs.yml plugins.search.separator).
// lunr's query lexer copies its separator once, when lunr loads, so a query for
// "RISK-3" would otherwise be split into "risk" and "3" although the index keeps
// hyphenated ids such as RISK-3 or POL-RISK-3 whole. main.html points Material
// at this file and passes the original worker's address as ?worker=.
importScripts(new URL(self.location.href).searchParams.get("worker"));

(function () {
  var lunr = self.lunr;
  if (!lunr || !lunr.tokenizer || !lunr.QueryLexer) {
    return;
  }
  var separator = lunr.tokenizer.separator;
  Object.defineProperty(lunr.tokenizer, "separator", {
    configurable: true,
    get: function () { return separator; },
    set: function (value) {
      separator = value;
      lunr.QueryLexer.termSeparator = value;
    }
  });
})();

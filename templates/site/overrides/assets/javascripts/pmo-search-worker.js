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

// lunr minimises its token set by keying each node on its edges as label + node id with
// no separator, so two different nodes can get the same key once digits are labels (an
// edge "1" to node 23 and an edge "5" to node 6 reads like "1" to 2 and "3" to 56). They
// are merged, the set then holds words the index does not, and a search that expands to
// one of them fails ("Cannot read properties of undefined (reading '_index')"). The same
// key with a separator after each id cannot collide.
(function () {
  var lunr = self.lunr;
  if (!lunr || !lunr.TokenSet) {
    return;
  }
  lunr.TokenSet.prototype.toString = function () {
    var str = this.final ? "1" : "0";
    var labels = Object.keys(this.edges).sort();
    for (var i = 0; i < labels.length; i++) {
      str += labels[i] + this.edges[labels[i]].id + ",";
    }
    return str;
  };
})();

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

// A search of several words lists the pages holding them as a phrase first ("management
// reserve", "change request"): lunr scores each word on its own, so a page repeating one
// common word could otherwise rank above the page that uses the term. The words must
// follow each other as typed (any spaces or punctuation between them, the last one
// possibly still being typed); a section whose heading holds the phrase comes before one
// whose text does; within each group lunr's order stands. The sections' text is kept as
// the index is built.
(function () {
  var lunr = self.lunr;
  if (!lunr || !lunr.Builder || !lunr.Index) {
    return;
  }
  var titles = {}, texts = {};
  var plain = function (html) { return " " + String(html || "").replace(/<[^>]*>/g, " ").toLowerCase() + " "; };
  var add = lunr.Builder.prototype.add;
  lunr.Builder.prototype.add = function (doc, attributes) {
    titles[doc[this._ref]] = plain(doc.title);
    texts[doc[this._ref]] = plain(doc.text);
    return add.call(this, doc, attributes);
  };
  var search = lunr.Index.prototype.search;
  lunr.Index.prototype.search = function (query) {
    var results = search.call(this, query);
    var words = query.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’._-]*/gu) || [];
    if (words.length < 2 || !results.length) {
      return results;
    }
    var escaped = words.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    var phrase = new RegExp("[^\\p{L}\\p{N}]" + escaped.join("[^\\p{L}\\p{N}]+"), "u");
    var top = results.reduce(function (m, r) { return Math.max(m, r.score); }, 0);
    return results.map(function (r, i) {
      // Material then multiplies a score by up to 5 (a page's own entry by more than its
      // sections): the steps are wide enough that no multiplier crosses them.
      var boost = phrase.test(titles[r.ref] || "") ? 12 * top + 3
        : phrase.test(texts[r.ref] || "") ? 3 * top + 1 : 0;
      return { ref: r.ref, score: r.score + boost, matchData: r.matchData, i: i };
    }).sort(function (a, b) { return b.score - a.score || a.i - b.i; })
      .map(function (r) { return { ref: r.ref, score: r.score, matchData: r.matchData }; });
  };
})();

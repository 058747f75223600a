/* «الشراكة الحذرة»: the search page (press/search.py builds the index it searches).
 *
 * The query is normalised by the same rules as the index (the page carries them as
 * JSON, from press.search.rules), searched with Pagefind, and each result shown with
 * its chapter, its section and an excerpt in the book's own spelling, the matched words
 * marked. Every text from the index is set as text, never parsed as HTML.
 * Nothing is fetched until a reader searches. From file:// (where Chromium fetches
 * nothing and runs no module script) the index is read from its copy as classic
 * scripts in pagefind-file/.
 */
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("book-search-config").textContent);
  const R = config.rules;
  const WORDS = config.words;
  const PAGE = 10;       // results shown at a time
  const BEFORE = 12;     // words of an excerpt before its first match
  const LENGTH = 36;     // words in an excerpt

  // ------------------------------------------------------------ normalisation (press.search.normalise)
  const marks = new RegExp(R.marks, "gu");
  const format = new RegExp(R.format, "gu");
  const run = new RegExp(R.arabicRun, "gu");

  function stripClitics(word) {
    for (const [prefix, rest] of R.articles) {
      if (word.startsWith(prefix) && [...word].length - [...prefix].length >= rest) {
        return word.slice(prefix.length);
      }
    }
    const first = () => word.charAt(0);
    if (first() in R.conjunctions && [...word].length - 1 >= R.conjunctions[first()]) word = word.slice(1);
    if (first() in R.prepositions && [...word].length - 1 >= R.prepositions[first()]) word = word.slice(1);
    return word;
  }

  function normalise(token) {
    token = token.normalize("NFKC").replace(format, "").replace(marks, "").toLowerCase();
    token = Array.from(token, (c) => (Object.prototype.hasOwnProperty.call(R.letters, c) ? R.letters[c] : c)).join("");
    return token.replace(run, stripClitics);
  }

  const ARABIC_LETTER = /[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]/u;
  const LATIN = /[\p{Script=Latin}\p{Script=Cyrillic}]/u;
  const bare = (word) => (word.match(/[\p{L}\p{N}_]+/gu) || []).join("");

  // ------------------------------------------------------------ Pagefind, loaded on the first search
  const root = new URL(document.documentElement.dataset.content_root || "./", location.href);
  const bundle = new URL("pagefind/", root).href;
  let instance = null;

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = () => reject(new Error(src));
      document.head.append(script);
    });
  }

  async function fromFiles() {
    const scripts = new URL("pagefind-file/", root).href;
    const files = new Map();
    window.__pagefindFile = (name, data) => files.set(name, data);
    const fetchOver = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      // Pagefind asks for its files by path alone ("/…/pagefind/…"): resolved against the page.
      const url = new URL(String(input instanceof Request ? input.url : input), location.href).href;
      if (!url.startsWith(bundle)) return fetchOver(input, init);
      const name = decodeURIComponent(url.slice(bundle.length).split(/[?#]/)[0]);
      if (!files.has(name)) await loadScript(scripts + name + ".js");
      const bytes = Uint8Array.from(atob(files.get(name)), (c) => c.charCodeAt(0));
      return new Response(bytes, { status: 200 });
    };
    await loadScript(scripts + "pagefind.js.js");
    return window.PagefindFile.createInstance({ basePath: bundle, noWorker: true });
  }

  async function pagefind() {
    if (!instance) {
      instance = (async () => {
        const found = location.protocol === "file:"
          ? await fromFiles()
          : (await import(bundle + "pagefind.js")).createInstance({ basePath: bundle });
        await found.init();
        return found;
      })();
    }
    return instance;
  }

  // ------------------------------------------------------------ the page
  const form = document.querySelector(".bd-search-container form.bd-search");
  const input = form.querySelector("input[name=q]");
  const status = document.getElementById("book-search-status");
  const list = document.getElementById("book-search-results");
  const moreButton = document.getElementById("book-search-more");
  let current = { query: "", results: [], shown: 0, terms: [] };
  let pending = 0;

  function fill(element, template, values) {
    // «… {query}: {n} صفحات.»: the fields become text, the reader's query isolated (bdi).
    element.replaceChildren();
    for (const part of template.split(/(\{[a-z]+\})/)) {
      const field = part.match(/^\{([a-z]+)\}$/);
      if (!field) { element.append(part); continue; }
      if (field[1] !== "query") { element.append(String(values[field[1]])); continue; }
      const bdi = document.createElement("bdi");
      bdi.textContent = values.query;
      element.append(bdi);
    }
  }

  function countMessage(n) {
    if (n === 0) return WORDS.none;
    if (n === 1) return WORDS.one;
    if (n === 2) return WORDS.two;
    if (n % 100 >= 3 && n % 100 <= 10) return WORDS.few;
    return WORDS.many;
  }

  function namedAt(words, terms) {
    // Where the page names, in another script, a glossary entry one of whose names holds
    // every query word: the words of each whole name found (press.search.other_names).
    const asked = terms.map(bare);
    const normal = words.map(normalise);
    const page = normal.map(bare);
    const runs = normal.map((w) => w.match(/[\p{L}\p{N}_]+/gu) || []);
    const hits = [];
    for (const forms of config.names) {
      if (!forms.some((form) => asked.every((t) => form.includes(t)))) continue;
      for (const form of forms) {
        for (let i = 0; i + form.length <= page.length; i++) {
          const here = form.length === 1 ? runs[i].includes(form[0]) : form.every((w, k) => page[i + k] === w);
          if (here) for (let k = 0; k < form.length; k++) hits.push(i + k);
        }
      }
    }
    return hits;
  }

  async function pageText(data) {
    // The page's words as written, and its sections (press.search.page_text), gzipped.
    const response = await fetch(bundle + "text/" + data.meta.page + ".json.gz");
    if (!response.ok) throw new Error("search: no text for " + data.url);
    return JSON.parse(await new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).text());
  }

  function excerpt(data, text, terms) {
    const words = text.words;
    const count = words.length;
    let hits = [...new Set(data.locations.filter((i) => i < count))].sort((a, b) => a - b);
    if (!hits.length) hits = [...new Set(namedAt(words.slice(0, count), terms))].sort((a, b) => a - b);
    let start = 0;
    let best = -1;
    for (const hit of hits) {
      const from = Math.max(0, hit - BEFORE);
      const inside = hits.filter((h) => h >= from && h < from + LENGTH).length;
      if (inside > best) { best = inside; start = from; }
    }
    const end = Math.min(words.length, start + LENGTH);
    const marked = new Set(hits);
    const p = document.createElement("p");
    p.className = "book-search__excerpt";
    if (start > 0) p.append("… ");
    // Latin text (a source's title, «[Reuters, 2022]») read left to right, each stretch in
    // its own isolate, as the page itself shows it; Arabic punctuation after it stays outside.
    let latin = null;
    for (let i = start; i < end; i++) {
      let word = words[i];
      let after = "";
      if (ARABIC_LETTER.test(word) || !(latin || LATIN.test(word))) {
        latin = null;
      } else if (!latin) {
        latin = document.createElement("bdi");
        latin.dir = "ltr";
        p.append(latin);
      }
      if (latin) [, word, after] = word.match(/^(.*?)([\u060c\u061b\u061f]*)$/su);
      const into = latin || p;
      if (marked.has(i)) {  // the word marked, the punctuation around it not
        const [, lead, core, tail] = word.match(/^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su);
        const mark = document.createElement("mark");
        mark.textContent = core;
        into.append(lead, mark, tail);
      } else {
        into.append(word);
      }
      if (after) { p.append(after); latin = null; }
      if (i < end - 1) (latin || p).append(" ");
    }
    if (end < words.length) p.append(" …");
    const sections = text.sections;
    const at = hits.find((h) => h >= start) ?? start;
    const section = sections.filter(([first]) => first <= at).pop();
    return { p, section };
  }

  function item(data, text, terms) {
    const { p, section } = excerpt(data, text, terms);
    const li = document.createElement("li");
    li.className = "book-search__result";
    const link = document.createElement("a");
    link.href = new URL(data.url + (section ? "#" + section[1] : ""), root).href;
    const chapter = document.createElement("span");
    chapter.className = "book-search__chapter";
    chapter.textContent = data.meta.title;
    link.append(chapter);
    if (section) {
      const where = document.createElement("span");
      where.className = "book-search__section";
      where.textContent = section[2];
      link.append(where);
    }
    li.append(link, p);
    return li;
  }

  async function showMore() {
    const batch = current.results.slice(current.shown, current.shown + PAGE);
    current.shown += batch.length;
    const shown = await Promise.all(batch.map(async (r) => {
      const data = await r.data();
      return [data, await pageText(data)];
    }));
    for (const [data, text] of shown) list.append(item(data, text, current.terms));
    moreButton.hidden = current.shown >= current.results.length;
  }

  async function search(query) {
    const ticket = ++pending;
    const terms = query.split(/\s+/).map(normalise).filter((w) => /[\p{L}\p{N}]/u.test(w));
    const url = new URL(location.href);
    if (query.trim()) url.searchParams.set("q", query.trim()); else url.searchParams.delete("q");
    history.replaceState(null, "", url);
    if (!terms.length) {
      list.replaceChildren(); status.textContent = ""; moreButton.hidden = true;
      return;
    }
    status.textContent = WORDS.searching;
    let found;
    try {
      found = await (await pagefind()).search(terms.join(" "));
    } catch (error) {
      status.textContent = WORDS.failed;
      throw error;
    }
    if (ticket !== pending) return;  // a newer query has started
    current = { query: query.trim(), results: found.results, shown: 0, terms };
    list.replaceChildren();
    await showMore();
    if (ticket !== pending) return;
    fill(status, countMessage(found.results.length), { n: found.results.length, query: current.query });
    status.dataset.count = String(found.results.length);
  }

  let typing = null;
  form.addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(typing); search(input.value); });
  input.addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(() => search(input.value), 250); });
  moreButton.addEventListener("click", () => showMore());
  window.bookSearch = { normalise, render: item };  // for tests/test_search.py

  const asked = new URL(location.href).searchParams.get("q");
  if (asked) { input.value = asked; search(asked); }
  input.focus();
})();

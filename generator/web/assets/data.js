// The site's data files, loaded one small file at a time as a page needs them
// (generator/web/finder.py and match_page.py write them). Each file is a classic script
// calling MAKELOCAL_DATA(name, data): pages opened from files (a USB stick) may load
// scripts but not fetch() files. Sets of positions are read as idsets.py writes them.
(function () {
  "use strict";
  var root = document.currentScript.src.replace(/assets\/makelocal\/data\.js.*$/, "");
  var loading = {};
  var arrived = {};

  window.MAKELOCAL_DATA = function (name, data) {
    if (loading[name] && !Object.prototype.hasOwnProperty.call(arrived, name)) {
      arrived[name] = data;
    }
  };

  // The data of assets/makelocal/data/<name>.js, once; a file that does not come rejects.
  function load(name) {
    if (!loading[name]) {
      loading[name] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = root + "assets/makelocal/data/" + name + ".js";
        script.onload = function () {
          if (Object.prototype.hasOwnProperty.call(arrived, name)) resolve(arrived[name]);
          else reject(new Error(name + " holds no data"));
        };
        script.onerror = function () { reject(new Error(name + " did not load")); };
        document.head.appendChild(script);
      });
    }
    return loading[name];
  }

  // The members of a set, in order: "d" and the gaps between them in base 36, or "b" and a
  // bitmap in base64.
  function members(text) {
    var found = [];
    if (text.charAt(0) === "b") {
      var bytes = atob(text.slice(1));
      for (var i = 0; i < bytes.length; i++) {
        var byte = bytes.charCodeAt(i);
        for (var bit = 0; byte; bit++, byte >>= 1) if (byte & 1) found.push(i * 8 + bit);
      }
      return found;
    }
    var last = -1;
    text.slice(1).split(",").forEach(function (gap) {
      if (gap) { last += parseInt(gap, 36) + 1; found.push(last); }
    });
    return found;
  }

  // Sorted lists of positions: those in both, and those in either.
  function both(a, b) {
    var found = [];
    for (var i = 0, j = 0; i < a.length && j < b.length;) {
      if (a[i] < b[j]) i++;
      else if (a[i] > b[j]) j++;
      else { found.push(a[i]); i++; j++; }
    }
    return found;
  }
  function either(lists) {
    var seen = {};
    var found = [];
    lists.forEach(function (list) {
      list.forEach(function (at) { if (!seen[at]) { seen[at] = true; found.push(at); } });
    });
    return found.sort(function (a, b) { return a - b; });
  }

  // Words as finder.py splits them: lower case, letters and digits of any alphabet.
  function words(text) { return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || []; }

  // The positions where a word of a search occurs, and where in a title: every word of
  // the records that it begins (a short word: only itself), from its words file.
  function lookUp(header, word) {
    var key = Array.from(word).slice(0, header.keyLength).join("");
    var hash = 0x811c9dc5;
    Array.from(key).forEach(function (character) {
      hash = Math.imul(hash ^ character.codePointAt(0), 0x01000193) >>> 0;
    });
    return load("find/words-" + (hash % header.buckets)).then(function (held) {
      var anywhere = [];
      var titled = [];
      Object.keys(held).forEach(function (known) {
        var whole = Array.from(key).length < header.keyLength;
        if (whole ? known === word : known.lastIndexOf(word, 0) === 0) {
          anywhere.push(members(held[known][0]));
          if (held[known][1]) titled.push(members(held[known][1]));
        }
      });
      return { anywhere: either(anywhere), titled: either(titled) };
    });
  }

  // What a card or a result shows for each position, in the order asked.
  function items(header, positions) {
    var files = {};
    positions.forEach(function (at) { files[Math.floor(at / header.perFile)] = true; });
    return Promise.all(Object.keys(files).map(function (file) {
      return load("find/items-" + file).then(function (list) { files[file] = list; });
    })).then(function () {
      return positions.map(function (at) {
        return files[Math.floor(at / header.perFile)][at % header.perFile];
      });
    });
  }

  window.MAKELOCAL = {
    root: root, load: load, members: members, both: both, either: either, words: words,
    lookUp: lookUp, items: items
  };
})();

// bagu — the site's small vanilla JS. Every page works without it; with it: syntax
// highlighting, copy buttons, live search through /api/v1/search, and the converters
// through /api/v1/gen without reloading. No inline script (the CSP forbids it) and no
// innerHTML: server data reaches the page as text nodes only.
(function () {
  'use strict';
  var body = document.body;
  var T = { copy: body.dataset.copy || 'Copy', copied: body.dataset.copied || 'Copied' };

  function copyText(text, button) {
    var done = function () {
      button.textContent = T.copied;
      setTimeout(function () { button.textContent = T.copy; }, 1500);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
    } else {
      fallbackCopy(text);
      done();
    }
  }
  function fallbackCopy(text) {
    var ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.className = 'offscreen';
    document.body.appendChild(ta);
    ta.select();
    try { document.execCommand('copy'); } catch (e) { /* nothing more to try */ }
    document.body.removeChild(ta);
  }

  function highlight(el) {
    var pre = el.parentNode;
    if (pre && pre.getAttribute && pre.getAttribute("lang") && !/\blanguage-/.test(el.className)) {
      el.classList.add("language-" + pre.getAttribute("lang").replace(/[^a-z0-9_+-]/gi, ""));
    }
    if (window.hljs && /\blanguage-/.test(el.className)) {
      try { window.hljs.highlightElement(el); } catch (e) { /* unknown language: leave plain */ }
    }
  }

  // Code blocks of answers: highlight and add a copy button.
  document.querySelectorAll('.md pre > code').forEach(function (code) {
    highlight(code);
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'copy';
    b.textContent = T.copy;
    b.addEventListener('click', function () { copyText(code.textContent, b); });
    code.parentNode.appendChild(b);
  });

  // ---- search: refresh results while typing ----
  var form = document.getElementById('search-form');
  var results = document.getElementById('results');
  if (form && results) {
    var q = form.elements.q, timer = null, seq = 0;
    var levelNames = {};
    Array.prototype.forEach.call(form.elements.level.options, function (o) { levelNames[o.value] = o.textContent; });
    var topicNames = {};
    Array.prototype.forEach.call(form.elements.topic.options, function (o) { topicNames[o.value] = o.textContent.trim(); });
    var levelIndex = { '新手': 0, '进阶': 1, '高级': 2 };
    var render = function (data, query) {
      var hits = Array.isArray(data) ? data : (data.results || data.hits || []);
      results.textContent = '';
      var count = document.createElement('p');
      count.className = 'count';
      count.textContent = (document.documentElement.lang === 'en' ? 'Results' : '搜索结果') + ': ' + hits.length;
      results.appendChild(count);
      var ol = document.createElement('ol');
      ol.className = 'hits';
      hits.forEach(function (h) {
        var li = document.createElement('li');
        var h3 = document.createElement('h3');
        var a = document.createElement('a');
        a.href = '/q/' + encodeURIComponent(h.id);
        a.textContent = h.title;
        h3.appendChild(a);
        li.appendChild(h3);
        var meta = document.createElement('p');
        meta.className = 'meta';
        var lv = document.createElement('span');
        lv.className = 'level level-' + (levelIndex[h.level] || 0);
        lv.textContent = levelNames[h.level] || h.level;
        meta.appendChild(lv);
        if (h.topic) {
          var tp = document.createElement('span');
          tp.className = 'topic';
          var ta = document.createElement('a');
          ta.href = '/topics/' + encodeURIComponent(h.topic);
          ta.textContent = topicNames[h.topic] || h.topic;
          tp.appendChild(ta);
          meta.appendChild(document.createTextNode(' '));
          meta.appendChild(tp);
        }
        li.appendChild(meta);
        if (h.snippet) {
          // highlights are [start, end) code-point offsets into snippet
          var sn = document.createElement('p'), cps = Array.from(h.snippet), at = 0;
          sn.className = 'snippet';
          (h.highlights || []).forEach(function (sp) {
            if (sp[0] < at || sp[1] < sp[0]) return;
            sn.appendChild(document.createTextNode(cps.slice(at, sp[0]).join('')));
            var m = document.createElement('mark');
            m.textContent = cps.slice(sp[0], sp[1]).join('');
            sn.appendChild(m);
            at = sp[1];
          });
          sn.appendChild(document.createTextNode(cps.slice(at).join('')));
          li.appendChild(sn);
        }
        ol.appendChild(li);
      });
      results.appendChild(ol);
    };
    var refresh = function () {
      var params = new URLSearchParams();
      var text = q.value.trim();
      params.set('q', text);
      if (form.elements.topic.value) params.set('topic', form.elements.topic.value);
      if (form.elements.level.value) params.set('level', form.elements.level.value);
      history.replaceState(null, '', '/search?' + params.toString());
      if (!text) { results.textContent = ''; return; }
      params.set('n', '20');
      var mine = ++seq;
      fetch('/api/v1/search?' + params.toString(), { headers: { Accept: 'application/json' } })
        .then(function (r) { return r.json(); })
        .then(function (data) { if (mine === seq && !data.error) render(data, text); })
        .catch(function () { /* keep the last results */ });
    };
    q.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(refresh, 150); });
    form.elements.topic.addEventListener('change', refresh);
    form.elements.level.addEventListener('change', refresh);
  }

  // ---- converters ----
  var gen = document.getElementById('gen-form');
  if (gen) {
    var doc = document.getElementById('doc'), file = document.getElementById('file');
    var out = document.getElementById('out'), outBox = document.getElementById('gen-output');
    var errBox = document.getElementById('gen-error'), fmt = document.getElementById('format');
    var showOpts = function () {
      gen.querySelectorAll('.opt').forEach(function (o) {
        o.hidden = (' ' + o.dataset.formats + ' ').indexOf(' ' + fmt.value + ' ') < 0;
      });
    };
    fmt.addEventListener('change', showOpts);
    showOpts();
    file.addEventListener('change', function () {
      var f = file.files && file.files[0];
      if (!f) return;
      var m = /\.(json|ya?ml|toml|sql)$/i.exec(f.name);
      if (m) fmt.value = m[1].toLowerCase().replace('yml', 'yaml');
      showOpts();
      f.text().then(function (t) { doc.value = t; file.value = ''; });
    });
    var lineCol = document.documentElement.lang === 'en' ? ['line', 'column'] : ['行', '列'];
    var showError = function (e) {
      errBox.textContent = '';
      var strong = document.createElement('strong');
      strong.textContent = document.documentElement.lang === 'en' ? 'Error' : '错误';
      errBox.appendChild(strong);
      errBox.appendChild(document.createTextNode(' '));
      if (e.line > 0) {
        var pos = document.createElement('span');
        pos.className = 'pos';
        pos.textContent = lineCol[0] + ' ' + e.line + ', ' + lineCol[1] + ' ' + e.column;
        errBox.appendChild(pos);
        errBox.appendChild(document.createTextNode(' '));
        // put the caret where the problem is
        var lines = doc.value.split('\n'), off = 0;
        for (var i = 0; i < e.line - 1 && i < lines.length; i++) off += lines[i].length + 1;
        doc.focus();
        doc.setSelectionRange(off + Math.max(0, e.column - 1), off + Math.max(0, e.column - 1));
      }
      var msg = document.createElement('span');
      msg.className = 'msg';
      msg.textContent = e.error;
      errBox.appendChild(msg);
      errBox.hidden = false;
      outBox.hidden = true;
    };
    gen.addEventListener('submit', function (ev) {
      if (ev.submitter && ev.submitter.name === 'download') return; // let the form download
      ev.preventDefault();
      var params = new URLSearchParams();
      gen.querySelectorAll('.opt input').forEach(function (i) {
        if (i.closest('.opt').hidden) return;
        if (i.type === 'checkbox') { if (i.checked) params.set(i.name, ''); } else if (i.value) params.set(i.name, i.value);
      });
      var qs = params.toString();
      fetch('/api/v1/gen/' + fmt.value + (qs ? '?' + qs : ''), {
        method: 'POST', body: doc.value, headers: { 'Content-Type': 'application/octet-stream' }
      }).then(function (r) {
        if (r.ok) return r.text().then(function (t) {
          errBox.hidden = true;
          out.textContent = t;
          out.className = 'language-go';
          out.removeAttribute('data-highlighted');
          highlight(out);
          outBox.hidden = false;
        });
        return r.json().then(showError);
      }).catch(function (e) { showError({ error: String(e) }); });
    });
    document.getElementById('copy-out').addEventListener('click', function () { copyText(out.textContent, this); });
    document.getElementById('download-out').addEventListener('click', function () {
      var a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([out.textContent], { type: 'text/x-go' }));
      a.download = 'models.go';
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
    });
  }
})();

/* fzcheck serve: the page's only script. Every piece of report text is put into the page as a
   text node (textContent, createTextNode), never as markup; the Content-Security-Policy allows
   no other script and no other origin. */
"use strict";

(function () {
  var SEV_RANK = { error: 3, warning: 2, info: 1 };
  var SEV_CN = { error: "错误", warning: "警告", info: "提示" };
  var VERDICT_CLASS = { "无错误": "ok", "有警告": "warn", "有错误": "bad", "无法检查": "bad" };
  var state = { files: [], options: null, result: null, shown: 0 };

  function $(id) { return document.getElementById(id); }

  /* el("li", {class: "x", "data-n": 3}, "text", childNode, ...) */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === "class") node.className = v;
        else if (k === "text") node.textContent = v;
        else node.setAttribute(k, String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function mb(bytes) { return (Math.round(bytes / 104857.6) / 10) + " MB"; }

  function setStatus(text, kind) {
    var s = $("status");
    s.textContent = text || "";
    s.className = "status" + (kind ? " " + kind : "");
  }

  /* --- the form -------------------------------------------------------------------------- */
  function loadOptions() {
    return fetch("/api/options").then(function (r) { return r.json(); }).then(function (o) {
      state.options = o;
      $("version").textContent = o.version;
      $("limit").textContent = mb(o.max_file_bytes);
      var select = $("template");
      o.templates.forEach(function (t) {
        var opt = el("option", { value: t.name }, t.label + "（" + t.name + "）");
        if (t.name === o.default_template) opt.selected = true;
        select.appendChild(opt);
      });
    }).catch(function () { setStatus("无法连接检查服务，请确认 fzcheck serve 仍在运行。", "error"); });
  }

  function chooseFiles(list) {
    state.files = Array.prototype.slice.call(list || []);
    var ul = $("chosen");
    clear(ul);
    var problems = [];
    state.files.forEach(function (f) {
      var tooBig = state.options && f.size > state.options.max_file_bytes;
      if (tooBig) problems.push(f.name + " 超过 " + mb(state.options.max_file_bytes));
      ul.appendChild(el("li", { class: tooBig ? "too-big" : null }, f.name + "（" + Math.max(1, Math.round(f.size / 1024)) + " KB）"));
    });
    $("go").disabled = state.files.length === 0;
    setStatus(problems.length ? "文件过大：" + problems.join("；") : (state.files.length ? "已选择 " + state.files.length + " 个文件，点击“开始检查”。" : ""),
      problems.length ? "error" : "");
  }

  function submit(event) {
    event.preventDefault();
    if (!state.files.length) return;
    var data = new FormData();
    state.files.forEach(function (f) { data.append("file", f, f.name); });
    data.append("template", $("template").value);
    data.append("year", $("year").value.trim());
    data.append("date", $("date").value);
    $("go").disabled = true;
    setStatus("正在检查 " + state.files.length + " 个文件……", "busy");
    var id = null;
    fetch("/api/check", { method: "POST", body: data }).then(function (r) {
      id = r.headers.get("X-Fzcheck-Result");
      return r.json().then(function (body) { return { ok: r.ok, body: body }; });
    }).then(function (a) {
      if (!a.ok) throw new Error(a.body && a.body.error ? a.body.error.message : "检查失败");
      return fetch("/api/result/" + encodeURIComponent(id)).then(function (r) { return r.json(); });
    }).then(function (view) {
      if (view.error) throw new Error(view.error.message);
      state.result = view;
      var s = view.summary;
      setStatus("检查完成：" + s.files + " 个文件，错误 " + s.error + " 处，警告 " + s.warning + " 处，提示 " + s.info + " 处。", "done");
      showResult(view);
    }).catch(function (err) {
      setStatus(err && err.message ? err.message : "检查失败，请重试。", "error");
    }).then(function () { $("go").disabled = state.files.length === 0; });
  }

  /* --- results --------------------------------------------------------------------------- */
  function downloadLinks(items) {
    var box = el("span", { class: "downloads" });
    items.forEach(function (d) {
      box.appendChild(el("a", { class: "btn", href: d.href, download: "", "data-format": d.format }, "下载" + d.label));
    });
    return box;
  }

  function showResult(view) {
    var batch = $("batch");
    var rows = $("batch-rows");
    clear(rows);
    clear($("batch-downloads"));
    if (view.files.length > 1) {
      $("batch-downloads").appendChild(el("span", { class: "dl-label" }, "全部文件："));
      $("batch-downloads").appendChild(downloadLinks(view.downloads));
      view.files.forEach(function (f, i) {
        var verdictCell = el("td", {}, el("span", { class: "verdict-tag " + (VERDICT_CLASS[f.verdict] || "") }, f.verdict));
        var open = el("button", { type: "button", class: "open", "data-file": f.number }, "查看");
        var tr = el("tr", { "data-file": f.number, class: "file-row" },
          el("td", { class: "num" }, f.number), el("td", { class: "path" }, f.path), verdictCell,
          el("td", { class: "num" }, f.error ? "-" : f.counts.error), el("td", { class: "num" }, f.error ? "-" : f.counts.warning),
          el("td", { class: "num" }, f.error ? "-" : f.counts.info), el("td", { class: "noprint" }, open));
        tr.addEventListener("click", function () { showFile(i, true); });
        rows.appendChild(tr);
      });
      batch.hidden = false;
    } else {
      batch.hidden = true;
    }
    showFile(0, false);
  }

  function table(head, rows) {
    var thead = el("tr");
    head.forEach(function (h) { thead.appendChild(el("th", {}, h)); });
    var tbody = el("tbody");
    rows.forEach(function (r) { tbody.appendChild(r); });
    return el("table", { class: "check" }, el("thead", {}, thead), tbody);
  }

  function sectionsTable(f) {
    return table(["部分", "状态", "所在"], f.sections.map(function (s) {
      var where = s.found.map(function (h) {
        return (h.heading || "（无标题）") + (h.line ? "（第" + h.line + f.unit + "）" : "");
      }).join("；");
      var status = s.status_cn + (s.required ? "" : "（非必需）");
      return el("tr", {}, el("td", {}, s.title), el("td", { class: "status " + s.status + (s.required ? "" : " optional") }, status), el("td", {}, where || "—"));
    }));
  }

  function indicatorsList(f) {
    var ul = el("ul", { class: "chips" });
    f.indicators.forEach(function (x) {
      ul.appendChild(el("li", { class: "ind " + x.status, title: x.status_cn }, x.topic + "：" + x.status_cn));
    });
    return ul;
  }

  function showFile(index, scroll) {
    var view = state.result;
    var f = view.files[index];
    state.shown = index;
    Array.prototype.forEach.call(document.querySelectorAll("#batch-rows tr"), function (tr, i) {
      tr.classList.toggle("selected", i === index);
    });
    var box = $("report");
    clear(box);
    var head = el("div", { class: "verdict " + (VERDICT_CLASS[f.verdict] || "") },
      el("span", { class: "verdict-word" }, "结论：" + f.verdict),
      el("span", { class: "verdict-note" }, f.verdict_note));
    var title = el("div", { class: "doc" },
      el("h2", { class: "doc-title" }, f.report && f.report.title ? f.report.title : f.path),
      el("p", { class: "meta" }, metaLine(f)));
    var tools = el("div", { class: "tools noprint" }, el("span", { class: "dl-label" }, view.files.length > 1 ? "本文件：" : ""),
      downloadLinks(f.downloads), el("button", { type: "button", class: "btn", id: "print" }, "打印本页"));
    box.appendChild(head);
    box.appendChild(title);
    box.appendChild(tools);
    if (!f.error) {
      box.appendChild(el("div", { class: "checks" },
        el("div", {}, el("h3", {}, "五个部分"), sectionsTable(f)),
        el("div", {}, el("h3", {}, "指标清单"), indicatorsList(f))));
      box.appendChild(el("div", { class: "work" }, textPane(f), findingsPane(f)));
    }
    box.hidden = false;
    $("print").addEventListener("click", function () { window.print(); });
    if (scroll) box.scrollIntoView({ block: "start" });
  }

  function metaLine(f) {
    var parts = [f.path];
    if (f.report) {
      parts.push(f.report.kind_cn);
      parts.push(f.report.year ? f.report.year + "年度" : "年度未识别");
      parts.push(f.report.date_cn ? "成文日期 " + f.report.date_cn : "成文日期未识别");
    }
    parts.push("模板：" + (f.template.label || f.template.name));
    var s = parts.join(" · ");
    if (f.report && f.report.notes.length) s += "。读取提示：" + f.report.notes.join("；");
    return s;
  }

  /* The report's own text, each finding's span wrapped in <mark>, an empty span as a caret. */
  function textPane(f) {
    var pane = el("div", { class: "text", id: "text", tabindex: "0" });
    var perLine = {};
    var widths = {};  /* code points per line, counted once (a line can hold a whole report) */
    function width(ln) {
      if (!(ln in widths)) widths[ln] = Array.from(f.lines[ln - 1] || "").length;
      return widths[ln];
    }
    f.findings.forEach(function (x) {
      for (var ln = x.line; ln <= x.end_line; ln++) {
        var n = width(ln);
        var start = Math.min(ln === x.line ? x.column - 1 : 0, n);
        var end = Math.min(Math.max(ln === x.end_line ? x.end_column - 1 : n, start), n);
        (perLine[ln] = perLine[ln] || []).push({ x: x, start: start, end: end, first: ln === x.line });
      }
    });
    var count = Math.max(f.lines.length, 1);
    for (var n = 1; n <= count; n++) {
      pane.appendChild(lineNode(n, f.lines[n - 1] || "", perLine[n] || [], f.unit));
    }
    return el("div", { class: "pane" }, el("h3", {}, "报告原文（按" + (f.unit === "段" ? "段落" : "行") + "编号，问题处已标出）"), pane);
  }

  function lineNode(n, text, spans, unit) {
    var chars = Array.from(text);
    var row = el("div", { class: "line", id: "L" + n }, el("span", { class: "no" }, n));
    var body = el("span", { class: "tx" });
    var cuts = [0, chars.length];
    spans.forEach(function (s) { cuts.push(s.start, s.end); });
    cuts.sort(function (a, b) { return a - b; });
    cuts = cuts.filter(function (v, i, a) { return i === 0 || a[i - 1] !== v; });
    function points(at) {  /* empty spans at one place: one caret for all of them */
      var here = spans.filter(function (s) { return s.start === s.end && s.start === at; });
      if (!here.length) return;
      var worst = here.reduce(function (m, s) { return SEV_RANK[s.x.severity] > SEV_RANK[m.x.severity] ? s : m; });
      var starts = here.filter(function (s) { return s.first; }).map(function (s) { return s.x.n; });
      var p = el("span", {
        class: "point sev-" + worst.x.severity, "data-n": here.map(function (s) { return s.x.n; }).join(" "),
        "data-starts": starts.length ? starts.join(" ") : null,
        title: here.map(function (s) { return SEV_CN[s.x.severity] + "：" + s.x.message; }).join("\n"),
      });
      p.addEventListener("click", function () { selectFinding(here[0].x.n, "list"); });
      body.appendChild(p);
    }
    for (var i = 0; i < cuts.length - 1; i++) {
      var a = cuts[i], b = cuts[i + 1];
      points(a);
      if (a === b) continue;
      var piece = chars.slice(a, b).join("");
      var over = spans.filter(function (s) { return s.start <= a && b <= s.end && s.start < s.end; });
      if (!over.length) { body.appendChild(document.createTextNode(piece)); continue; }
      var worst = over.reduce(function (m, s) { return SEV_RANK[s.x.severity] > SEV_RANK[m.x.severity] ? s : m; });
      var starts = over.filter(function (s) { return s.first && s.start === a; }).map(function (s) { return s.x.n; });
      var mark = el("mark", {
        class: "sev-" + worst.x.severity, "data-n": over.map(function (s) { return s.x.n; }).join(" "),
        "data-starts": starts.length ? starts.join(" ") : null,
        title: over.map(function (s) { return SEV_CN[s.x.severity] + "：" + s.x.message; }).join("\n"),
      }, piece);
      mark.addEventListener("click", function (ev) { selectFinding(Number(ev.currentTarget.getAttribute("data-n").split(" ")[0]), "list"); });
      body.appendChild(mark);
    }
    points(chars.length);
    row.appendChild(body);
    return row;
  }

  function findingsPane(f) {
    var list = el("ol", { class: "findings", id: "findings" });
    if (!f.findings.length) list.appendChild(el("li", { class: "none" }, "没有发现问题。"));
    var lastSev = null;
    f.findings.forEach(function (x) {
      if (x.severity !== lastSev) {
        lastSev = x.severity;
        var n = f.counts[x.severity];
        list.appendChild(el("li", { class: "sev-head " + x.severity }, SEV_CN[x.severity] + "（" + n + " 处）"));
      }
      var item = el("li", {
        class: "finding " + x.severity, tabindex: "0", "data-n": x.n, "data-rule": x.rule, "data-severity": x.severity,
        "data-line": x.line, "data-column": x.column, "data-end-line": x.end_line, "data-end-column": x.end_column,
      },
        el("div", { class: "fhead" }, el("span", { class: "sev " + x.severity }, x.severity_cn),
          el("span", { class: "loc" }, x.location), el("code", { class: "rule" }, x.rule)),
        el("p", { class: "msg" }, x.message),
        x.suggestion ? el("p", { class: "sugg" }, el("b", {}, "建议："), x.suggestion) : null,
        el("p", { class: "grp" }, "所在：" + x.group));
      item.addEventListener("click", function () { selectFinding(x.n, "text"); });
      item.addEventListener("keydown", function (ev) { if (ev.key === "Enter") selectFinding(x.n, "text"); });
      list.appendChild(item);
    });
    return el("div", { class: "pane" }, el("h3", {}, "问题清单（错误在前，共 " + f.findings.length + " 处）"), list);
  }

  function highlightOf(n) {
    var found = null;
    Array.prototype.some.call(document.querySelectorAll("#text [data-starts]"), function (node) {
      if (node.getAttribute("data-starts").split(" ").indexOf(String(n)) >= 0) { found = node; return true; }
      return false;
    });
    return found;
  }

  function selectFinding(n, scrollTo) {
    Array.prototype.forEach.call(document.querySelectorAll("#text .active, #findings .active"), function (node) {
      node.classList.remove("active");
    });
    var mark = highlightOf(n);
    var item = document.querySelector('#findings li[data-n="' + n + '"]');
    if (mark) mark.classList.add("active");
    if (item) item.classList.add("active");
    var target = scrollTo === "text" ? mark : item;
    if (target) target.scrollIntoView({ block: "center", inline: "nearest" });
  }

  /* --- wiring ---------------------------------------------------------------------------- */
  document.addEventListener("DOMContentLoaded", function () {
    loadOptions();
    $("files").addEventListener("change", function (ev) { chooseFiles(ev.target.files); });
    $("upload").addEventListener("submit", submit);
    var drop = $("drop");
    ["dragenter", "dragover"].forEach(function (t) {
      drop.addEventListener(t, function (ev) { ev.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (t) {
      drop.addEventListener(t, function (ev) { ev.preventDefault(); drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (ev) { if (ev.dataTransfer) chooseFiles(ev.dataTransfer.files); });
    /* a file dropped beside the drop zone is taken too, instead of the browser leaving the page to open it */
    ["dragover", "drop"].forEach(function (t) {
      document.addEventListener(t, function (ev) {
        ev.preventDefault();
        if (t === "drop" && ev.dataTransfer && ev.dataTransfer.files.length) chooseFiles(ev.dataTransfer.files);
      });
    });
  });
})();

import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// The web chat page served at `/`: one static HTML document (CSS and JavaScript inline,
/// no external assets, no build step) where a citizen chats over the WebSocket `/v1/chat`
/// (or `POST /v1/ask` when the socket cannot open), with the channel switch, options as
/// buttons, citations and the hand-off shown.
enum ChatPage {
    static func add(to router: Router<AnjuRequestContext>, metrics: AnjuMetrics) {
        let body = ByteBuffer(string: html)
        router.get("/") { _, _ -> Response in
            metrics.recordHTTP(path: "/", status: 200)
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/html; charset=utf-8",
                    .contentSecurityPolicy: "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self' ws: wss:",
                ],
                body: ResponseBody(byteBuffer: body))
        }
    }

    /// The page. Elements the end-to-end test reads: `#text`, `#send`, `#status`
    /// (`data-transport`), `.msg.bot` (`data-intent`, `data-expecting`, `data-handoff`),
    /// `.options button`, `.citations`, `.handoff`.
    static let html = #"""
<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>安居 · 住房公积金智能助手</title>
<style>
  :root { --main: #b5301f; --soft: #fbeeea; --line: #e4ddd8; --text: #222; --muted: #6b6460; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.6 "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: var(--text); background: #f6f3f1; }
  header { position: sticky; top: 0; z-index: 1; background: var(--main); color: #fff; padding: 10px 16px; display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; }
  header h1 { font-size: 18px; margin: 0; flex: 1 1 auto; }
  .channels { display: flex; gap: 4px; }
  .channels label { cursor: pointer; padding: 2px 10px; border: 1px solid rgba(255,255,255,.6); border-radius: 14px; font-size: 14px; }
  .channels input { display: none; }
  .channels input:checked + span { font-weight: bold; }
  .channels label:has(input:checked) { background: #fff; color: var(--main); }
  #status { font-size: 12px; opacity: .9; }
  #newChat { background: transparent; color: #fff; border: 1px solid rgba(255,255,255,.6); border-radius: 14px; padding: 2px 10px; cursor: pointer; }
  main { max-width: 760px; margin: 0 auto; padding: 12px 12px 96px; }
  .msg { margin: 10px 0; display: flex; }
  .msg .bubble { max-width: 85%; padding: 8px 12px; border-radius: 10px; white-space: pre-wrap; word-break: break-word; }
  .msg.user { justify-content: flex-end; }
  .msg.user .bubble { background: var(--main); color: #fff; }
  .msg.bot .bubble { background: #fff; border: 1px solid var(--line); }
  .msg.error .bubble { background: #fff4e5; border: 1px solid #f0c27b; }
  .options { margin-top: 8px; display: flex; flex-wrap: wrap; gap: 6px; }
  .options button { border: 1px solid var(--main); color: var(--main); background: var(--soft); border-radius: 14px; padding: 2px 12px; cursor: pointer; font: inherit; font-size: 14px; }
  .citations { margin-top: 8px; padding-top: 6px; border-top: 1px dashed var(--line); font-size: 13px; color: var(--muted); white-space: normal; }
  .citations ol { margin: 2px 0 0; padding-left: 20px; }
  .handoff { margin-top: 8px; padding: 6px 10px; background: #e8f1ff; border: 1px solid #9bbcf0; border-radius: 6px; font-size: 14px; white-space: normal; }
  .meta { font-size: 12px; color: var(--muted); margin-top: 4px; }
  form { position: fixed; left: 0; right: 0; bottom: 0; background: #fff; border-top: 1px solid var(--line); padding: 10px; }
  form .row { max-width: 760px; margin: 0 auto; display: flex; gap: 8px; }
  #text { flex: 1; font: inherit; padding: 8px 10px; border: 1px solid var(--line); border-radius: 8px; }
  #send { font: inherit; background: var(--main); color: #fff; border: 0; border-radius: 8px; padding: 0 18px; cursor: pointer; }
  #send:disabled { opacity: .5; }
</style>
</head>
<body>
<header>
  <h1>安居 · 住房公积金智能助手</h1>
  <div class="channels" role="radiogroup" aria-label="渠道">
    <label><input type="radio" name="channel" value="chat" checked><span>在线</span></label>
    <label><input type="radio" name="channel" value="ivr"><span>电话</span></label>
    <label><input type="radio" name="channel" value="staff"><span>柜台</span></label>
  </div>
  <button id="newChat" type="button">新对话</button>
  <span id="status" data-transport="none">连接中…</span>
</header>
<main id="log" aria-live="polite">
  <div class="msg bot"><div class="bubble">您好！我是住房公积金智能助手，可以回答提取、贷款、缴存等问题，例如“租房能提多少”“我能贷多少”。</div></div>
</main>
<form id="ask" autocomplete="off">
  <div class="row">
    <input id="text" name="text" maxlength="500" placeholder="请输入您的问题…" aria-label="问题">
    <button id="send" type="submit">发送</button>
  </div>
</form>
<script>
"use strict";
(function () {
  const log = document.getElementById("log");
  const input = document.getElementById("text");
  const statusEl = document.getElementById("status");
  let session = newSession();
  let socket = null, socketReady = false, nextId = 1;
  const waiting = new Map();

  function newSession() {
    const bytes = new Uint8Array(8);
    crypto.getRandomValues(bytes);
    return "web-" + Array.from(bytes, b => b.toString(16).padStart(2, "0")).join("");
  }
  function channel() { return document.querySelector("input[name=channel]:checked").value; }
  function setStatus(transport, words) { statusEl.dataset.transport = transport; statusEl.textContent = words; }

  function connect() {
    let ws;
    try {
      ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/v1/chat");
    } catch (e) { setStatus("http", "HTTP"); return; }
    ws.onopen = () => { socket = ws; socketReady = true; setStatus("websocket", "已连接"); };
    ws.onmessage = (event) => {
      let reply;
      try { reply = JSON.parse(event.data); } catch (e) { return; }
      const done = waiting.get(reply.id);
      if (done) { waiting.delete(reply.id); done(reply); }
    };
    ws.onclose = () => {
      socket = null; socketReady = false; setStatus("http", "HTTP");
      for (const [id, done] of waiting) { waiting.delete(id); done(null); }
    };
  }

  // One request: over the WebSocket when open, else POST /v1/{op}.
  function send(request) {
    request.id = nextId++;
    if (socketReady) {
      return new Promise(resolve => {
        waiting.set(request.id, reply => resolve(reply || post(request)));
        socket.send(JSON.stringify(request));
      });
    }
    return post(request);
  }
  async function post(request) {
    try {
      const response = await fetch("/v1/" + (request.op || "ask"), {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(request)
      });
      return await response.json();
    } catch (e) {
      return { ok: false, error: { code: "offline", message: "网络连接失败，请稍后再试。" } };
    }
  }

  function add(kind, text) {
    const row = document.createElement("div");
    row.className = "msg " + kind;
    const bubble = document.createElement("div");
    bubble.className = "bubble";
    bubble.textContent = text;
    row.appendChild(bubble);
    log.appendChild(row);
    return bubble;
  }

  // Option labels come from the reply's own list ("1. 租房提取 2. …"); the intent id otherwise.
  function optionLabels(reply) {
    return reply.options.map((id, i) => {
      const found = new RegExp("(?:^|\\s)" + (i + 1) + "\\.\\s*([^\\s]+)").exec(reply.reply || "");
      return found ? found[1] : id;
    });
  }

  function showReply(reply) {
    if (!reply.ok) {
      const bubble = add("bot error", reply.error ? reply.error.message : "出错了，请稍后再试。");
      bubble.parentNode.dataset.code = reply.error ? reply.error.code : "";
      return;
    }
    const bubble = add("bot", reply.reply);
    const row = bubble.parentNode;
    row.dataset.intent = reply.intent || "";
    row.dataset.expecting = reply.expecting || "";
    row.dataset.handoff = reply.handoff ? "true" : "false";
    if (reply.options && reply.options.length) {
      const box = document.createElement("div");
      box.className = "options";
      optionLabels(reply).forEach((label, i) => {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = label;
        button.dataset.option = reply.options[i];
        button.onclick = () => ask(String(i + 1), label);
        box.appendChild(button);
      });
      bubble.appendChild(box);
    }
    if (reply.citations && reply.citations.length) {
      const box = document.createElement("div");
      box.className = "citations";
      box.textContent = "依据：";
      const list = document.createElement("ol");
      for (const c of reply.citations) {
        const item = document.createElement("li");
        item.textContent = c.title + "（" + c.doc + (c.section ? " · " + c.section : "") + "）";
        list.appendChild(item);
      }
      box.appendChild(list);
      bubble.appendChild(box);
    }
    if (reply.handoff) {
      const box = document.createElement("div");
      box.className = "handoff";
      box.textContent = "☎ 已为您转人工服务：请拨打 12329 或前往服务大厅，工作人员会接着为您办理。";
      bubble.appendChild(box);
    }
    row.scrollIntoView({ block: "end" });
  }

  let busy = false;
  async function ask(text, shown) {
    if (busy || !text.trim()) return;
    busy = true;
    document.getElementById("send").disabled = true;
    add("user", shown || text).parentNode.scrollIntoView({ block: "end" });
    const reply = await send({ op: "ask", session: session, channel: channel(), text: text });
    showReply(reply);
    busy = false;
    document.getElementById("send").disabled = false;
    input.focus();
  }

  document.getElementById("ask").addEventListener("submit", event => {
    event.preventDefault();
    const text = input.value;
    input.value = "";
    ask(text);
  });
  document.getElementById("newChat").addEventListener("click", async () => {
    await send({ op: "reset", session: session });
    session = newSession();
    log.querySelectorAll(".msg:not(:first-child)").forEach(node => node.remove());
    input.focus();
  });

  setStatus("http", "HTTP");
  connect();
  input.focus();
})();
</script>
</body>
</html>
"""#
}

// The conclave console page. Everything from the network is inserted as text or as sanitized
// Markdown (render.js); no markup is ever built from strings.
import { renderBody, isLong } from '/render.js';

/** How far back the history reaches, step by step: 1 h, 6 h, 1 d, 3 d, then the 7-day retention. */
const WINDOWS_MS = [1, 6, 24, 72, 168].map((hours) => hours * 3600 * 1000);
/** The first catch-up widens its window until it has this many messages (or reaches the retention). */
const ENOUGH_MESSAGES = 30;
/** A replay starts this much before the last message seen, and a repeat within it is dropped. */
const SLACK_MS = 5000;
const PRESENCE_EVERY_MS = 10000;

const $ = (id) => document.getElementById(id);

/** url → { status, channels: [], whispers: [], unread, element } */
const servers = new Map();
/** The open view: { server, channel } for a channel, { server, whispers: true } for whispers, or null. */
let current = null;
/** Per open channel: { loadedSince, windowIndex, loading, held: [], shown: [], admin } */
let view = null;
let whisperTarget = null;
let presenceTimer = null;

// ---------------------------------------------------------------- helpers

async function api(op, body) {
  const response = await fetch(`/api/${op}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
  let reply;
  try {
    reply = await response.json();
  } catch (e) {
    throw new Error(`${op}: HTTP ${response.status}`);
  }
  if (!response.ok || !reply.ok) {
    throw new Error(reply.error || `${op}: HTTP ${response.status}`);
  }
  return reply;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function toast(text, kind = 'info') {
  const node = el('div', `toast ${kind}`, text);
  $('toasts').append(node);
  setTimeout(() => node.remove(), kind === 'error' ? 8000 : 4000);
}

function fail(error) {
  toast(error.message || String(error), 'error');
}

function confirmAction(text) {
  return new Promise((resolve) => {
    const dialog = $('confirm');
    $('confirm-text').textContent = text;
    dialog.returnValue = '';
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.showModal();
  });
}

function formatTime(ms) {
  const date = new Date(ms);
  const sameDay = new Date().toDateString() === date.toDateString();
  return sameDay
    ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

function isHumanHandle(path) {
  const handle = path.split('/')[2] || '';
  return handle === 'ui' || handle.startsWith('cli-');
}

function kindBadge(human) {
  return el('span', `badge ${human ? 'human' : 'agent'}`, human ? 'human' : 'agent');
}

function isNarrow() {
  return window.matchMedia('(max-width: 860px)').matches;
}

// ---------------------------------------------------------------- servers and channels

function serverEntry(url) {
  let entry = servers.get(url);
  if (!entry) {
    const element = $('server-template').content.firstElementChild.cloneNode(true);
    element.dataset.server = url;
    element.querySelector('.server-url').textContent = url;
    element.querySelector('.join-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const form = event.currentTarget;
      const channel = form.querySelector('.join-channel').value.trim();
      const token = form.querySelector('.join-token').value.trim();
      join(url, channel, token || null).then(() => form.reset()).catch(fail);
    });
    element.querySelector('.create-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const form = event.currentTarget;
      const name = form.querySelector('.create-name').value.trim();
      const visibility = form.querySelector('.create-visibility').value;
      createChannel(url, name, visibility).then(() => form.reset()).catch(fail);
    });
    element.querySelector('.whispers-button').addEventListener('click', () => openWhispers(url));
    $('servers').append(element);
    entry = { status: null, channels: [], whispers: [], unread: 0, element };
    servers.set(url, entry);
  }
  return entry;
}

function showStatus(status) {
  const entry = serverEntry(status.server);
  const wasUp = entry.status && entry.status.state === 'connected';
  entry.status = status;
  const state = entry.element.querySelector('.link-state');
  state.textContent = status.state;
  state.className = `link-state state-${status.state}`;
  state.title = status.reason || '';
  entry.element.querySelector('.server-identity').textContent =
    status.path || `${status.user}/${status.machine}/ui`;
  if (status.state === 'connected' && !wasUp) {
    refreshChannels(status.server);
    if (current && current.server === status.server && current.channel) {
      catchUpAfterReconnect();
      refreshPresence();
    }
  }
}

async function refreshChannels(url) {
  try {
    const reply = await api('channels', { server: url });
    const entry = serverEntry(url);
    entry.channels = reply.channels;
    renderChannels(url);
  } catch (error) {
    fail(error);
  }
}

function renderChannels(url) {
  const entry = serverEntry(url);
  const list = entry.element.querySelector('.channel-list');
  list.replaceChildren();
  const joined = new Set(entry.status ? entry.status.joined : []);
  for (const channel of entry.channels) {
    const item = el('li');
    const button = el('button', 'channel-button');
    button.type = 'button';
    button.dataset.channel = channel.name;
    if (current && current.server === url && current.channel === channel.name) {
      button.classList.add('active');
      button.setAttribute('aria-current', 'true');
    }
    button.append(el('span', 'channel-label', `# ${channel.name}`));
    if (channel.visibility !== 'public') {
      button.append(el('span', `badge vis-${channel.visibility}`, channel.visibility));
    }
    if (channel.member) {
      button.append(el('span', 'badge member', 'member'));
    }
    if (joined.has(channel.name)) {
      button.classList.add('joined');
      button.title = 'Joined by this console';
    }
    button.addEventListener('click', () => openChannel(url, channel.name));
    item.append(button);
    list.append(item);
  }
  if (entry.channels.length === 0) {
    list.append(el('li', 'muted empty', 'no channels you can see'));
  }
}

async function join(url, channel, token) {
  await api('join', { server: url, channel, token });
  markJoined(url, channel);
  await refreshChannels(url);
  await openChannel(url, channel);
}

function markJoined(url, channel) {
  const status = serverEntry(url).status;
  if (status && !status.joined.includes(channel)) status.joined.push(channel);
}

async function createChannel(url, name, visibility) {
  await api('create', { server: url, channel: name, visibility });
  toast(`created #${name}`);
  await join(url, name, null);
}

// ---------------------------------------------------------------- the conversation

function setActive() {
  for (const [url, entry] of servers) {
    for (const button of entry.element.querySelectorAll('.channel-button')) {
      const active = current && current.server === url &&
        (button.classList.contains('whispers-button') ? current.whispers === true : current.channel === button.dataset.channel);
      button.classList.toggle('active', Boolean(active));
      if (active) button.setAttribute('aria-current', 'true'); else button.removeAttribute('aria-current');
    }
  }
}

function showView(title, subtitle) {
  $('empty-state').hidden = true;
  $('channel-view').hidden = false;
  $('channel-name').textContent = title;
  $('channel-server').textContent = subtitle;
  $('messages').replaceChildren();
  clearWhisperTarget();
  setActive();
  if (isNarrow()) setSidebar(false);
}

async function openChannel(url, channel) {
  current = { server: url, channel };
  view = { loadedSince: null, windowIndex: -1, loading: true, held: [], shown: [], admin: false, lastSeen: 0 };
  const opened = view;
  showView(`# ${channel}`, url);
  $('load-earlier').hidden = false;
  $('composer-text').placeholder = `Message #${channel} (Markdown; Enter sends, Shift+Enter for a new line)`;
  $('admin-panel').hidden = true;
  document.body.classList.add('has-channel');
  $('presence').replaceChildren();
  try {
    await api('join', { server: url, channel, token: null });
    markJoined(url, channel);
  } catch (error) {
    fail(error);
  }
  if (view !== opened) return;
  renderChannels(url);
  refreshPresence();
  startPresenceTimer();
  checkAdmin(opened);
  await loadEarlier(true);
}

function openWhispers(url) {
  current = { server: url, whispers: true };
  view = null;
  stopPresenceTimer();
  showView('✉ Whispers', url);
  $('load-earlier').hidden = true;
  $('history-state').textContent = 'Whispers are never stored: only those since this page opened.';
  $('admin-panel').hidden = true;
  $('presence').replaceChildren();
  $('presence-count').textContent = '';
  $('composer-text').placeholder = 'Pick a name under Online in a channel to whisper';
  const entry = serverEntry(url);
  entry.unread = 0;
  updateUnread(url);
  for (const whisper of entry.whispers) appendMessage(whisper, 'append');
}

/** One history read from `since`, page after page, keeping rows older than `before`. */
async function readRange(url, channel, since, before) {
  const rows = [];
  let from = since;
  for (;;) {
    const reply = await api('history', { server: url, channel, sinceMs: from });
    const page = reply.messages;
    let newest = from;
    for (const row of page) {
      newest = Math.max(newest, row.tsMs);
      if (before === null || row.tsMs < before) rows.push(row);
    }
    if (page.length === 0 || newest <= from || (before !== null && newest >= before)) return rows;
    from = newest;
  }
}

/** Widens the history window by one step (or, at first, until there is enough to read). */
async function loadEarlier(first) {
  const opened = view;
  if (!opened || opened.windowIndex >= WINDOWS_MS.length - 1) return;
  const { server, channel } = current;
  opened.loading = true;
  $('load-earlier').disabled = true;
  $('history-state').textContent = 'loading history…';
  try {
    let loaded = 0;
    do {
      opened.windowIndex += 1;
      const since = Date.now() - WINDOWS_MS[opened.windowIndex];
      const before = opened.loadedSince;
      const rows = await readRange(server, channel, since, before);
      if (view !== opened) return;
      prependHistory(rows);
      loaded += rows.length;
      opened.loadedSince = since;
    } while (first && opened.shown.length < ENOUGH_MESSAGES && opened.windowIndex < WINDOWS_MS.length - 1);
    if (first) releaseHeld(opened);
    const done = opened.windowIndex >= WINDOWS_MS.length - 1;
    $('load-earlier').hidden = done;
    $('history-state').textContent = done
      ? 'This is the start of the retained history (7 days).'
      : `History since ${formatTime(opened.loadedSince)}.` + (loaded === 0 && !first ? ' Nothing earlier in this step.' : '');
  } catch (error) {
    if (view === opened) $('history-state').textContent = '';
    fail(error);
    if (first && view === opened) releaseHeld(opened);
  } finally {
    if (view === opened) $('load-earlier').disabled = false;
  }
}

function prependHistory(rows) {
  const list = $('messages');
  const first = list.firstChild;
  const scroller = $('scroller');
  const atBottom = isAtBottom();
  const heightBefore = scroller.scrollHeight;
  for (const row of rows) {
    const item = messageItem(row, 'history');
    list.insertBefore(item, first);
    view.shown.push(row);
    view.lastSeen = Math.max(view.lastSeen, row.tsMs);
  }
  if (atBottom) scrollToBottom();
  else scroller.scrollTop += scroller.scrollHeight - heightBefore;
}

/** Live messages that arrived during the first catch-up, minus those it already showed. */
function releaseHeld(opened) {
  opened.loading = false;
  const held = opened.held;
  opened.held = [];
  for (const message of held) {
    if (!takeRepeat(opened, message, message.tsMs - SLACK_MS)) showLive(message);
  }
}

/** Drops one shown message equal to `message` (sender and body) stamped after `since`; true if found. */
function takeRepeat(opened, message, since) {
  const index = opened.shown.findIndex((row) =>
    !row.matched && row.tsMs >= since && row.from === message.from && row.body === message.body);
  if (index < 0) return false;
  opened.shown[index].matched = true;
  return true;
}

function showLive(message) {
  view.shown.push(message);
  view.lastSeen = Math.max(view.lastSeen, message.tsMs);
  appendMessage(message, 'live');
}

/** After a reconnect: what was said while the link was down, without repeating what is shown. */
async function catchUpAfterReconnect() {
  const opened = view;
  if (!opened || opened.loading) return;
  const since = Math.max(0, opened.lastSeen - SLACK_MS);
  try {
    const rows = await readRange(current.server, current.channel, since, null);
    if (view !== opened) return;
    for (const row of rows) {
      if (!takeRepeat(opened, row, since)) {
        opened.shown.push(row);
        opened.lastSeen = Math.max(opened.lastSeen, row.tsMs);
        appendMessage(row, 'history');
      }
    }
  } catch (error) {
    fail(error);
  }
}

function isAtBottom() {
  const scroller = $('scroller');
  return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;
}

function scrollToBottom() {
  const scroller = $('scroller');
  scroller.scrollTop = scroller.scrollHeight;
}

function appendMessage(message, source) {
  const stick = isAtBottom();
  $('messages').append(messageItem(message, source));
  if (stick || source === 'own') scrollToBottom();
}

function messageItem(message, source) {
  const item = el('li', `message ${message.human ? 'from-human' : 'from-agent'}`);
  item.dataset.source = source;
  item.dataset.from = message.from;
  if (message.kind) item.classList.add(message.kind);
  const meta = el('div', 'meta');
  if (message.kind === 'whisper-in') meta.append(el('span', 'badge whisper', 'whisper from'));
  if (message.kind === 'whisper-out') meta.append(el('span', 'badge whisper', 'whisper to'));
  const sender = el('button', 'sender', message.kind === 'whisper-out' ? message.to : message.from);
  sender.type = 'button';
  sender.title = 'Whisper to this session';
  sender.addEventListener('click', () => setWhisperTarget(message.kind === 'whisper-out' ? message.to : message.from));
  meta.append(sender, kindBadge(message.kind === 'whisper-out' ? isHumanHandle(message.to) : message.human));
  const time = el('time', 'time', formatTime(message.tsMs));
  time.dateTime = new Date(message.tsMs).toISOString();
  time.title = new Date(message.tsMs).toLocaleString();
  meta.append(time);
  item.append(meta);
  const body = el('div', 'body');
  if (message.encrypted) {
    body.append(el('em', 'muted', 'end-to-end encrypted payload'));
  } else {
    body.append(renderBody(message.body));
    if (isLong(message.body)) {
      body.classList.add('collapsed');
      const more = el('button', 'button subtle small more', 'Show more');
      more.type = 'button';
      more.addEventListener('click', () => {
        const collapsed = body.classList.toggle('collapsed');
        more.textContent = collapsed ? 'Show more' : 'Show less';
      });
      item.append(body, more);
      return item;
    }
  }
  item.append(body);
  return item;
}

// ---------------------------------------------------------------- live events

function onLiveMessage(message) {
  if (!current || current.server !== message.server || current.channel !== message.channel || !view) return;
  if (view.loading) {
    view.held.push(message);
  } else {
    showLive(message);
  }
}

function onWhisper(whisper) {
  const entry = serverEntry(whisper.server);
  const record = { ...whisper, kind: 'whisper-in' };
  entry.whispers.push(record);
  if (current && current.server === whisper.server && (current.whispers || current.channel)) {
    appendMessage(record, 'live');
  }
  if (!(current && current.whispers && current.server === whisper.server)) {
    entry.unread += 1;
    updateUnread(whisper.server);
  }
  toast(`whisper from ${whisper.from}`);
}

function updateUnread(url) {
  const entry = serverEntry(url);
  const badge = entry.element.querySelector('.whispers-button .unread');
  badge.hidden = entry.unread === 0;
  badge.textContent = String(entry.unread);
}

function connectLive() {
  const socket = new WebSocket(`ws://${location.host}/live`);
  socket.addEventListener('open', () => {
    $('console-state').textContent = 'console connected';
    $('console-state').className = 'console-state ok';
  });
  socket.addEventListener('message', (event) => {
    const data = JSON.parse(event.data);
    if (data.type === 'hello') {
      for (const status of data.servers) showStatus(status);
    } else if (data.type === 'link') {
      showStatus(data);
    } else if (data.type === 'message') {
      onLiveMessage(data);
    } else if (data.type === 'whisper') {
      onWhisper(data);
    } else if (data.type === 'notice') {
      toast(`${data.server}: ${data.text}`, 'error');
    }
  });
  socket.addEventListener('close', () => {
    $('console-state').textContent = 'console disconnected — retrying';
    $('console-state').className = 'console-state bad';
    for (const entry of servers.values()) {
      if (entry.status) entry.status = { ...entry.status, state: 'unknown' };
    }
    setTimeout(connectLive, 2000);
  });
}

// ---------------------------------------------------------------- composer and whispers

function setWhisperTarget(path) {
  whisperTarget = path;
  $('whisper-name').textContent = path;
  $('whisper-target').hidden = false;
  $('composer').classList.add('whispering');
  $('composer-text').focus();
}

function clearWhisperTarget() {
  whisperTarget = null;
  $('whisper-target').hidden = true;
  $('composer').classList.remove('whispering');
}

async function submitComposer() {
  const text = $('composer-text').value;
  if (!current || text.trim() === '') return;
  const url = current.server;
  const me = servers.get(url).status;
  const from = me && me.path ? me.path : 'you';
  if (whisperTarget) {
    const target = whisperTarget;
    await api('whisper', { server: url, target, body: text });
    const record = { from, to: target, body: text, tsMs: Date.now(), human: true, kind: 'whisper-out' };
    servers.get(url).whispers.push(record);
    appendMessage(record, 'own');
  } else if (current.channel) {
    await api('send', { server: url, channel: current.channel, body: text });
    const record = { from, channel: current.channel, body: text, tsMs: Date.now(), human: true };
    if (view) view.shown.push(record);
    appendMessage(record, 'own');
  } else {
    return;
  }
  $('composer-text').value = '';
}

// ---------------------------------------------------------------- presence and moderation

async function refreshPresence() {
  if (!current || !current.channel) return;
  const { server, channel } = current;
  try {
    const reply = await api('who', { server, channel });
    if (!current || current.server !== server || current.channel !== channel) return;
    renderPresence(reply.sessions);
  } catch (error) {
    $('presence-count').textContent = '';
  }
}

function startPresenceTimer() {
  stopPresenceTimer();
  presenceTimer = setInterval(refreshPresence, PRESENCE_EVERY_MS);
}

function stopPresenceTimer() {
  if (presenceTimer) clearInterval(presenceTimer);
  presenceTimer = null;
}

function renderPresence(sessions) {
  const list = $('presence');
  list.replaceChildren();
  $('presence-count').textContent = String(sessions.length);
  const me = servers.get(current.server).status;
  for (const session of sessions) {
    const item = el('li', 'person');
    item.dataset.path = session.path;
    const name = el('button', 'person-name', session.path);
    name.type = 'button';
    name.title = 'Whisper to this session';
    name.addEventListener('click', () => setWhisperTarget(session.path));
    item.append(name, kindBadge(session.human));
    const isMe = me && me.path === session.path;
    if (view && view.admin && !isMe) {
      const user = session.path.split('/')[0];
      const actions = el('span', 'person-actions');
      actions.append(
        moderationButton('Kick', 'kick', `Kick ${session.path} from #${current.channel}?`,
          { target: session.path }, `kicked ${session.path}`),
        moderationButton('Ban', 'ban', `Ban ${user} from #${current.channel}? All of ${user}'s sessions leave it and cannot rejoin until unbanned.`,
          { user }, `banned ${user}`));
      item.append(actions);
    }
    list.append(item);
  }
}

function moderationButton(label, op, question, args, done) {
  const button = el('button', `button small ${op === 'ban' ? 'danger' : 'subtle'} ${op}-button`, label);
  button.type = 'button';
  button.addEventListener('click', () => moderate(op, question, args, done));
  return button;
}

/** Runs an admin operation on the open channel after the user confirms it. */
async function moderate(op, question, args, done) {
  if (!current || !current.channel) return;
  if (!(await confirmAction(question))) return;
  const { server, channel } = current;
  try {
    const reply = await api(op, { server, channel, ...args });
    toast(done);
    refreshPresence();
    refreshAdminLists();
    return reply;
  } catch (error) {
    fail(error);
    return null;
  }
}

/** A channel admin can list the channel's access list; that is how the page learns it may moderate. */
async function checkAdmin(opened) {
  try {
    const acl = await api('acl', { server: current.server, channel: current.channel });
    if (view !== opened) return;
    opened.admin = true;
    $('admin-panel').hidden = false;
    $('invite-new').hidden = true;
    renderAcl(acl.users);
    refreshAdminLists();
    refreshPresence();
  } catch (error) {
    // Not a channel admin: the panel stays hidden.
  }
}

async function refreshAdminLists() {
  if (!view || !view.admin) return;
  const { server, channel } = current;
  const opened = view;
  try {
    const [acl, bans, invites] = await Promise.all([
      api('acl', { server, channel }), api('bans', { server, channel }), api('invites', { server, channel })]);
    if (view !== opened) return;
    renderAcl(acl.users);
    renderList('ban-list', bans.users, 'no bans', (user) =>
      moderationButton('Unban', 'unban', `Unban ${user} in #${channel}?`, { user }, `unbanned ${user}`));
    renderList('invite-list', invites.invites.map((invite) => invite.token), 'no live invites', (token) => {
      const invite = invites.invites.find((row) => row.token === token);
      const button = el('button', 'button small subtle', 'Revoke');
      button.type = 'button';
      button.addEventListener('click', async () => {
        if (!(await confirmAction(`Revoke invite ${token.slice(0, 8)}…?`))) return;
        api('invite-revoke', { server, token }).then(() => { toast('invite revoked'); refreshAdminLists(); }).catch(fail);
      });
      const details = el('span', 'muted', ` ${invite.usesRemaining ?? '∞'} use(s)${invite.expiresAt ? `, until ${invite.expiresAt}` : ''}`);
      const span = el('span');
      span.append(details, button);
      return span;
    });
  } catch (error) {
    fail(error);
  }
}

function renderAcl(users) {
  const channel = current.channel;
  renderList('acl-list', users, 'empty', (user) =>
    moderationButton('Remove', 'acl-remove', `Remove ${user} from the access list of #${channel}?`, { user }, `removed ${user}`));
}

function renderList(id, values, emptyText, action) {
  const list = $(id);
  list.replaceChildren();
  for (const value of values) {
    const item = el('li');
    item.append(el('span', 'list-value', value), action(value));
    list.append(item);
  }
  if (values.length === 0) list.append(el('li', 'muted', emptyText));
}

function wireAdminForms() {
  $('ban-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const user = $('ban-user').value.trim();
    if (await moderate('ban', `Ban ${user} from #${current.channel}?`, { user }, `banned ${user}`)) $('ban-form').reset();
  });
  $('acl-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const user = $('acl-user').value.trim();
    if (await moderate('acl-add', `Add ${user} to the access list of #${current.channel}?`, { user }, `added ${user}`)) $('acl-form').reset();
  });
  $('invite-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const uses = $('invite-uses').value ? Number($('invite-uses').value) : null;
    const expiry = $('invite-expiry').value ? Number($('invite-expiry').value) : null;
    const reply = await moderate('invite-create', `Create an invite to #${current.channel}?`,
      { uses, expiresInSecs: expiry }, 'invite created');
    if (reply) {
      $('invite-new').hidden = false;
      $('invite-new').textContent = `invite token: ${reply.token}`;
      $('invite-form').reset();
    }
  });
  $('rename-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const { server, channel } = current;
    const newName = $('rename-name').value.trim();
    if (await moderate('rename', `Rename #${channel} to #${newName}?`, { newName }, `renamed to #${newName}`)) {
      $('rename-form').reset();
      await refreshChannels(server);
      openChannel(server, newName);
    }
  });
  $('visibility-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const visibility = $('visibility-value').value;
    if (await moderate('visibility', `Make #${current.channel} ${visibility}?`, { visibility }, `#${current.channel} is now ${visibility}`)) {
      refreshChannels(current.server);
    }
  });
  $('delete-channel').addEventListener('click', async () => {
    const { server, channel } = current;
    if (await moderate('delete', `Delete #${channel} with its history, invites and bans? This cannot be undone.`, {}, `deleted #${channel}`)) {
      current = null;
      view = null;
      stopPresenceTimer();
      $('channel-view').hidden = true;
      $('empty-state').hidden = false;
      refreshChannels(server);
    }
  });
}

// ---------------------------------------------------------------- layout

function setSidebar(open) {
  document.body.classList.toggle('sidebar-open', open);
  $('toggle-sidebar').setAttribute('aria-expanded', String(open));
}

function wireLayout() {
  $('toggle-sidebar').addEventListener('click', () => setSidebar(!document.body.classList.contains('sidebar-open')));
  $('toggle-people').addEventListener('click', () => document.body.classList.toggle('people-open'));
  $('load-earlier').addEventListener('click', () => loadEarlier(false));
  $('whisper-cancel').addEventListener('click', clearWhisperTarget);
  $('composer').addEventListener('submit', (event) => {
    event.preventDefault();
    submitComposer().catch(fail);
  });
  $('composer-text').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submitComposer().catch(fail);
    }
  });
}

wireLayout();
wireAdminForms();
connectLive();
if (isNarrow()) setSidebar(true);

// Message bodies are untrusted. They are rendered as Markdown with raw HTML escaped into text,
// then sanitized by DOMPurify, and only the sanitized DOM fragment is ever inserted.
import { Marked } from '/vendor/marked.esm.js';
import DOMPurify from '/vendor/purify.es.mjs';

const COLLAPSE_CHARS = 800;
const COLLAPSE_LINES = 14;

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

const markdown = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    // Raw HTML in a body is shown as the text it is, never as markup.
    html(token) {
      return escapeHtml(token.text);
    },
  },
});

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

const PURIFY = {
  RETURN_DOM_FRAGMENT: true,
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'option', 'iframe', 'svg', 'math'],
  FORBID_ATTR: ['style', 'class', 'id'],
};

/** The body as safe DOM: a fragment of sanitized Markdown. */
export function renderBody(text) {
  return DOMPurify.sanitize(markdown.parse(text), PURIFY);
}

/** Whether a body is long enough to start collapsed. */
export function isLong(text) {
  return text.length > COLLAPSE_CHARS || text.split('\n').length > COLLAPSE_LINES;
}

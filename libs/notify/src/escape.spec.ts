import { escapeHtml, escapeSlackMrkdwn, oneLine, truncate } from './escape';

describe('escaping customer words', () => {
  it('neutralises HTML, Slack control characters and header line breaks', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeSlackMrkdwn('<!channel> & <https://x|y>')).toBe('&lt;!channel&gt; &amp; &lt;https://x|y&gt;');
    expect(oneLine('Subject\r\nBcc: someone@example.com\t')).toBe('Subject Bcc: someone@example.com');
  });

  it('truncates by code point, never splitting a surrogate pair', () => {
    expect(truncate('ab😀cd', 4)).toBe('ab😀…');
    expect(truncate('short', 10)).toBe('short');
  });
});

import { findScriptSigns, findSpam, loadLexicon } from '../src';

const lex = loadLexicon();
const URL_ = 'http://www.yunxi.gov.cn/';

describe('findSpam', () => {
  it('finds a visible keyword block', () => {
    const html = '<html><head><title>云溪市人民政府</title></head><body><div class="gg_link">日日草小视频|皇冠体育投注|北京赛车pk10</div><p>正文</p></body></html>';
    expect(findSpam(html, lex, URL_)).toEqual([{ kind: 'spam-keywords', evidence: '日日草小视频|皇冠体育投注|北京赛车pk10' }]);
  });

  it('finds hijacked titles and keywords (also a second keywords meta in the body)', () => {
    const html = `<html><head><title>亚洲无码伊人看片网|百家乐在线</title><meta name="keywords" content="云溪市,政务公开"></head>
<body><meta name="keywords" content="赌博 博彩 时时彩 六合彩 黄色网站 色情 黑客"></body></html>`;
    expect(findSpam(html, lex, URL_)).toEqual([
      { kind: 'title-hijack', evidence: '亚洲无码伊人看片网|百家乐在线' },
      { kind: 'keyword-hijack', evidence: '赌博 博彩 时时彩 六合彩 黄色网站 色情 黑客' },
    ]);
  });

  it('finds redirects to foreign hosts, not to the own site', () => {
    const html = `<script>setTimeout("window.location='http://malicious-phishing.ga/login'", 3000); if(x) location.href='/index.html'; window.location.href = "http://www.yunxi.gov.cn/m/";</script>`;
    expect(findSpam(html, lex, URL_)).toEqual([{ kind: 'redirect-script', evidence: 'http://malicious-phishing.ga/login' }]);
  });

  it('does not flag government news about fighting gambling, or hidden spam (that is a hidden link)', () => {
    const html = '<html><head><title>我市开展打击赌博专项行动</title></head><body><p>严厉打击赌博违法犯罪活动。</p><div style="display:none">澳门葡京赌场</div></body></html>';
    expect(findSpam(html, lex, URL_)).toEqual([]);
  });

  it('script signs: document.write, eval, delayed redirect, innerHTML links', () => {
    const html = `<script>document.write('<a href="http://x.tk/">x</a>'); eval(code); setTimeout("window.location='http://y.ga/'", 3000); d.innerHTML = '<a href="http://z.cm">z</a>';</script>`;
    expect(findScriptSigns(html).map((s) => s.kind).sort()).toEqual(['delayed-redirect', 'document-write', 'dynamic-html', 'eval']);
  });
});

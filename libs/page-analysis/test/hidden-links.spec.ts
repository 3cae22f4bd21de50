import { findHiddenLinks, hasFarmSignal, isLinkFarmCandidate, loadLexicon } from '../src';

const PAGE = 'http://www.yunxi.gov.cn/';
const page = (body: string, head = '') => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>云溪市人民政府</title>${head}</head><body>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政府信息公开</a></li></ul></div>${body}
<div class="footer">主办单位：云溪市人民政府办公室</div></body></html>`;
const techniques = (html: string) => findHiddenLinks(html, PAGE).map((h) => [h.url, h.technique]);
const SPAM = 'http://www.8828bet-hg.com/?id=1';

describe('findHiddenLinks', () => {
  it.each([
    ['display-none', `<div style="display:none"><a href="${SPAM}">澳门葡京赌场</a></div>`],
    ['visibility-hidden', `<div style="visibility:hidden;height:0;overflow:hidden"><a href="${SPAM}">真人百家乐</a></div>`],
    ['opacity', `<div style="opacity:0"><a href="${SPAM}">真人百家乐</a></div>`],
    ['offscreen', `<div style="position:absolute;left:-9999px;top:-9999px"><a href="${SPAM}">真人百家乐</a></div>`],
    ['text-indent', `<p style="text-indent:-9999px;overflow:hidden;height:1px"><a href="${SPAM}">真人百家乐</a></p>`],
    ['tiny-font', `<div style="font-size:0px;line-height:0"><a href="${SPAM}">真人百家乐</a></div>`],
    ['same-color', `<div style="color:#ffffff;background-color:#fff"><a href="${SPAM}">真人百家乐</a></div>`],
    ['zero-size', `<div style="width:0;height:0;overflow:hidden"><a href="${SPAM}">真人百家乐</a></div>`],
    ['js-write', `<script>document.write("<div style=\\"position:absolute;top:-999px\\"><a href=\\"${SPAM}\\">真人百家乐</a></div>");</script>`],
  ])('%s', (technique, body) => {
    expect(techniques(page(body))).toEqual([[SPAM, technique]]);
  });

  it('hidden-iframe (an empty iframe has no text: the abused-TLD signal decides)', () => {
    expect(techniques(page(`<iframe src="http://malware-drop.ml/install" width="0" height="0" frameborder="0"></iframe>`))).toEqual([['http://malware-drop.ml/install', 'hidden-iframe']]);
  });

  it('never reports links inside HTML comments, even spam ones (commented-out markup is not rendered)', () => {
    expect(findHiddenLinks(page(`<!-- <a href="${SPAM}">百家乐在线</a> --><!--<iframe src="http://spam.tk/"></iframe>-->`), PAGE)).toEqual([]);
  });

  it('hidden off-site furniture without a spam signal is not a link farm (analytics, share widget, vendor credit, friend-link tab)', () => {
    const html = page(`<div style="display:none"><script src="http://cl.webterren.com/webdig.js?z=23"></script><a href="http://cl.webterren.com/webdig.js?z=23">统计</a></div>
      <div style="display:none"><a href="http://www.bshare.cn/">分享到</a></div><iframe src="http://static.share-widget.cn/cm.html" width="0" height="0"></iframe>
      <a style="display:none" href="http://www.cms-vendor.com/">某某承办，内容管理系统，门户，舆情监测，搜索引擎</a>
      <div id="tab2" style="display:none"><a href="http://www.zjcourt.cn/">浙江省高级人民法院</a><a href="http://www.some-institute.org.cn/">社会科学院</a></div>`);
    expect(findHiddenLinks(html, PAGE)).toEqual([]);
  });

  it('signals: spam vocabulary in the anchor text, or a host under an abused TLD (lexicon hiddenLinkSignals)', () => {
    const lex = loadLexicon();
    expect(hasFarmSignal({ url: 'http://www.example-shop.com/', text: '网上赌场' }, lex)).toBe(true);
    expect(hasFarmSignal({ url: 'http://free-host.tk/', text: 'http://free-host.tk' }, lex)).toBe(true);
    expect(hasFarmSignal({ url: 'http://www.example-shop.com/', text: '办公用品' }, lex)).toBe(false);
    // a lexicon without the 1.2.0 entry judges by vocabulary only
    expect(hasFarmSignal({ url: 'http://free-host.tk/', text: 'x' }, loadLexicon('1.1.0'))).toBe(false);
  });

  it('reads hiding rules from <style> sheets (class and id selectors), and bare URLs in hidden text', () => {
    const html = page('<div class="gg"><a href="http://www.rrcao-tv.cc/">真人百家乐</a></div><div id="k">赌博：http://bet365-clone.gq</div>', '<style>.gg{display:none} #k { text-indent: -9999px }</style>');
    expect(techniques(html)).toEqual([
      ['http://www.rrcao-tv.cc/', 'display-none'],
      ['http://bet365-clone.gq/', 'text-indent'],
    ]);
  });

  it('decodes document.write(unescape(...)) payloads', () => {
    // escape(), as defaced pages write it: %uXXXX for Chinese anchor text
    const payload = escape(`<div style="display:none"><a href="${SPAM}">真人百家乐</a></div>`);
    expect(techniques(page(`<script>document.write(unescape("${payload}"));</script>`))).toEqual([[SPAM, 'js-write']]);
  });

  it('does not report hidden menus of the own site or other government sites (dropdown sub-menus)', () => {
    const html = page(`<ul class="menu"><li><a href="/zwgk/">政务公开</a><ul style="display:none"><li><a href="/zwgk/tzgg/">通知公告</a></li>
      <li><a href="http://fgw.yunxi.gov.cn/">发改委</a></li><li><a href="http://wsxf.xjxfj.gov.cn/">网上信访</a></li></ul></li></ul>`);
    expect(findHiddenLinks(html, PAGE)).toEqual([]);
  });

  it('does not report site furniture (conac badge, jiucuo, CMS signature) or a target also linked visibly', () => {
    const html = page(`<a style="display:none" href="http://www.hanweb.com">Produced By 大汉网络</a>
      <a style="display:none" href="http://121.43.68.40/exposure/jiucuo.html?site_code=1">纠错</a>
      <li style="display:none">http://www.xinhuanet.com/</li><a href="http://www.xinhuanet.com/">新华网</a>`);
    expect(findHiddenLinks(html, PAGE)).toEqual([]);
  });

  it('does not report pop-ups the page scripts show (element id used by a script)', () => {
    const html = page(`<dl id="idBox2" style="display:none"><a href="http://220.180.239.166/home">中国电信</a></dl><script>new AlertBox("idBox2")</script>`);
    expect(findHiddenLinks(html, PAGE)).toEqual([]);
  });

  it('judges hosts: own scope, government, benign, foreign', () => {
    const lex = loadLexicon();
    expect(isLinkFarmCandidate('http://jyj.yunxi.gov.cn/a', PAGE, lex)).toBe(false);
    expect(isLinkFarmCandidate('http://www.npc.gov.cn/', PAGE, lex)).toBe(false);
    expect(isLinkFarmCandidate('https://bszs.conac.cn/x', PAGE, lex)).toBe(false);
    expect(isLinkFarmCandidate(SPAM, PAGE, lex)).toBe(true);
  });

  it('visibility is the one property a descendant can undo', () => {
    expect(findHiddenLinks(page(`<div style="visibility:hidden"><span style="visibility:visible"><a href="${SPAM}">真人百家乐</a></span></div>`), PAGE)).toEqual([]);
    expect(techniques(page(`<div style="display:none"><span style="display:block"><a href="${SPAM}">真人百家乐</a></span></div>`))).toEqual([[SPAM, 'display-none']]);
  });

  it('a visible page has no hidden links', () => {
    expect(findHiddenLinks(page(`<a href="${SPAM}">可见链接</a>`), PAGE)).toEqual([]);
  });
});

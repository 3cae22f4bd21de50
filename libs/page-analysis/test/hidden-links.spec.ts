import { findHiddenLinks, isLinkFarmCandidate, loadLexicon } from '../src';

const PAGE = 'http://www.yunxi.gov.cn/';
const page = (body: string, head = '') => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>云溪市人民政府</title>${head}</head><body>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政府信息公开</a></li></ul></div>${body}
<div class="footer">主办单位：云溪市人民政府办公室</div></body></html>`;
const techniques = (html: string) => findHiddenLinks(html, PAGE).map((h) => [h.url, h.technique]);
const SPAM = 'http://www.8828bet-hg.com/?id=1';

describe('findHiddenLinks', () => {
  it.each([
    ['display-none', `<div style="display:none"><a href="${SPAM}">澳门葡京赌场</a></div>`],
    ['visibility-hidden', `<div style="visibility:hidden;height:0;overflow:hidden"><a href="${SPAM}">x</a></div>`],
    ['opacity', `<div style="opacity:0"><a href="${SPAM}">x</a></div>`],
    ['offscreen', `<div style="position:absolute;left:-9999px;top:-9999px"><a href="${SPAM}">x</a></div>`],
    ['text-indent', `<p style="text-indent:-9999px;overflow:hidden;height:1px"><a href="${SPAM}">x</a></p>`],
    ['tiny-font', `<div style="font-size:0px;line-height:0"><a href="${SPAM}">x</a></div>`],
    ['same-color', `<div style="color:#ffffff;background-color:#fff"><a href="${SPAM}">x</a></div>`],
    ['zero-size', `<div style="width:0;height:0;overflow:hidden"><a href="${SPAM}">x</a></div>`],
    ['hidden-iframe', `<iframe src="${SPAM}" width="0" height="0" frameborder="0"></iframe>`],
    ['comment', `<!-- <a href="${SPAM}">百家乐在线</a> -->`],
    ['js-write', `<script>document.write("<div style=\\"position:absolute;top:-999px\\"><a href=\\"${SPAM}\\">x</a></div>");</script>`],
  ])('%s', (technique, body) => {
    expect(techniques(page(body))).toEqual([[SPAM, technique]]);
  });

  it('reads hiding rules from <style> sheets (class and id selectors), and bare URLs in hidden text', () => {
    const html = page('<div class="gg"><a href="http://www.rrcao-tv.cc/">x</a></div><div id="k">赌博：http://bet365-clone.gq</div>', '<style>.gg{display:none} #k { text-indent: -9999px }</style>');
    expect(techniques(html)).toEqual([
      ['http://www.rrcao-tv.cc/', 'display-none'],
      ['http://bet365-clone.gq/', 'text-indent'],
    ]);
  });

  it('decodes document.write(unescape(...)) payloads', () => {
    const payload = encodeURIComponent(`<div style="display:none"><a href="${SPAM}">x</a></div>`);
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
    expect(findHiddenLinks(page(`<div style="visibility:hidden"><span style="visibility:visible"><a href="${SPAM}">x</a></span></div>`), PAGE)).toEqual([]);
    expect(techniques(page(`<div style="display:none"><span style="display:block"><a href="${SPAM}">x</a></span></div>`))).toEqual([[SPAM, 'display-none']]);
  });

  it('a visible page has no hidden links', () => {
    expect(findHiddenLinks(page(`<a href="${SPAM}">可见链接</a>`), PAGE)).toEqual([]);
  });
});

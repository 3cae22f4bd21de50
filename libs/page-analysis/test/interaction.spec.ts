import { institutionElements, leaderElements, parseMessageBoard, parseMessagePage, parseSurveyPeriod } from '../src';

describe('institutionElements', () => {
  it('finds present and missing elements; an empty 负责人 counts as missing', () => {
    const r = institutionElements('主要职责\n负责……\n办公地址：云溪市人民路12号\n联系电话：0715-8123456\n负责人：');
    expect(r.present.sort()).toEqual(['address', 'phone']);
    expect(r.missing.sort()).toEqual(['leaderName', 'officeHours']);
    expect(r.units).toEqual([]);
  });

  it('reports per office when several offices are listed', () => {
    const text = ['办公室', '负责人：王建国', '联系电话：0715-8000001', '政策法规科', '负责人：李志刚', '办公时间：工作日8:30—17:30', '联系电话：0715-8000002'].join('\n');
    const r = institutionElements(text);
    expect(r.units).toEqual([
      { unit: '办公室', present: ['leaderName', 'phone'], missing: ['officeHours', 'address'] },
      { unit: '政策法规科', present: ['officeHours', 'leaderName', 'phone'], missing: ['address'] },
    ]);
  });
});

describe('leaderElements', () => {
  it('reads each leader block', () => {
    const html = `<div class="ldxx"><div class="leader"><img src="/ld0.jpg" alt="王建国"><h3>王建国</h3><p class="zw">局长</p><p>简历：王建国，男，汉族，1970年生，大学学历。</p><p>分工：负责全面工作。</p></div>
<div class="leader"><h3>李志刚</h3><p class="zw">副局长</p><p>分工：负责安全生产。</p></div></div>`;
    expect(leaderElements(html).leaders).toEqual([
      { name: '王建国', photo: true, resume: true, duties: true },
      { name: '李志刚', photo: false, resume: false, duties: true },
    ]);
  });
});

describe('parseSurveyPeriod', () => {
  it('reads the period and the feedback date', () => {
    expect(parseSurveyPeriod('征集时间：2024年5月1日至2024年5月15日\n征集结果反馈\n反馈时间：2024-05-25')).toEqual({
      start: '2024-05-01', end: '2024-05-15', feedbackAt: '2024-05-25', raw: '征集时间：2024年5月1日至2024年5月15日',
    });
  });
  it('keeps forged periods verbatim and reports missing feedback as null', () => {
    expect(parseSurveyPeriod('征集时间：2000年3月30日至2000年4月30日\n请通过电子邮件提出意见。')).toEqual({
      start: '2000-03-30', end: '2000-04-30', feedbackAt: null, raw: '征集时间：2000年3月30日至2000年4月30日',
    });
    expect(parseSurveyPeriod('征集时间：2024年6月1日至2024年6月1日').end).toBe('2024-06-01');
    expect(parseSurveyPeriod('没有征集信息')).toEqual({ start: null, end: null, feedbackAt: null, raw: null });
  });
});

describe('message boards', () => {
  const board = `<table class="ly-list"><tr><th>留言标题</th><th>留言人</th><th>留言时间</th><th>答复时间</th></tr>
<tr><td><a href="/hdjl/lygk/202406/t20240626_0.html">请问新生儿医保如何办理</a></td><td>王**</td><td>2024-06-26</td><td>办理中</td></tr>
<tr><td><a href="/hdjl/lygk/202406/t20240617_1.html">学区怎么划分</a></td><td>李**</td><td>2024-06-17</td><td>2024-06-19</td></tr></table>`;

  it('parseMessageBoard reads received/replied dates and states', () => {
    expect(parseMessageBoard(board, 'http://www.yunxi.gov.cn/hdjl/lygk/')).toEqual([
      { title: '请问新生儿医保如何办理', url: 'http://www.yunxi.gov.cn/hdjl/lygk/202406/t20240626_0.html', receivedAt: '2024-06-26', repliedAt: null, state: 'processing' },
      { title: '学区怎么划分', url: 'http://www.yunxi.gov.cn/hdjl/lygk/202406/t20240617_1.html', receivedAt: '2024-06-17', repliedAt: '2024-06-19', state: 'replied' },
    ]);
  });

  it('parseMessagePage reads one message', () => {
    const page = `<table class="ly-detail"><tr><th>留言标题</th><td>学区怎么划分</td></tr><tr><th>留言时间</th><td>2024-06-17 09:12</td></tr>
<tr><th>答复单位</th><td>云溪市教育局</td></tr><tr><th>答复时间</th><td>2024-06-19 15:00</td></tr><tr><th>答复内容</th><td>您好！……</td></tr></table>`;
    expect(parseMessagePage(page)).toEqual({ title: '学区怎么划分', receivedAt: '2024-06-17T09:12', repliedAt: '2024-06-19T15:00', replyText: '您好！……', state: 'replied' });
    const pending = '<table><tr><th>留言标题</th><td>路灯</td></tr><tr><th>留言时间</th><td>2024-03-19 08:46</td></tr><tr><th>办理状态</th><td>办理中</td></tr></table>';
    expect(parseMessagePage(pending)).toMatchObject({ receivedAt: '2024-03-19T08:46', repliedAt: null, state: 'processing' });
  });
});

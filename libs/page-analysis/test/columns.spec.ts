import * as fs from 'node:fs';
import * as path from 'node:path';
import yaml from 'js-yaml';
import { classifyColumn } from '../src';

describe('classifyColumn', () => {
  it.each([
    ['本地要闻', 'news'], ['部门动态', 'news'], ['区县动态', 'news'], ['工作动态', 'news'], ['动态资讯', 'news'], ['新闻中心', 'news'],
    ['通知公告', 'notice'], ['公示公告', 'notice'], ['政策文件', 'policy'], ['规范性文件', 'policy'], ['市政府文件', 'policy'],
    ['政策解读', 'interpretation'], ['人事信息', 'personnel'], ['人事任免', 'personnel'], ['规划计划', 'planning'], ['规划信息', 'planning'],
    ['办事统计', 'service-stats'], ['留言公开', 'message-public'], ['留言选登', 'message-public'], ['调查征集', 'survey'], ['意见征集', 'survey'],
    ['建言献策', 'survey'], ['网上调查', 'survey'], ['在线访谈', 'interview'], ['访谈预告', 'interview'], ['机构职能', 'institution'],
    ['机构设置', 'institution'], ['领导信息', 'leadership'], ['领导之窗', 'leadership'], ['统计信息', 'other'], ['财政资金', 'other'],
    ['市长信箱', 'consultation'], ['网上咨询', 'consultation'],
  ])('%s → %s', (name, cls) => {
    expect(classifyColumn(name).columnClass).toBe(cls);
  });

  it('uses only ColumnClass ids the national rule set defines', () => {
    const rs = yaml.load(fs.readFileSync(path.resolve(__dirname, '../../rule-sets/rule-sets/national-2019/1.0.0.yaml'), 'utf8')) as { columnClasses: Record<string, unknown> };
    const ids = Object.keys(rs.columnClasses);
    for (const n of ['本地要闻', '通知公告', '政策文件', '政策解读', '人事信息', '规划计划', '办事统计', '留言公开', '调查征集', '在线访谈', '机构职能', '领导信息', '统计信息', '莫名栏目']) {
      expect(ids).toContain(classifyColumn(n).columnClass);
    }
  });

  it('derives the level from the breadcrumb (channels like 政府信息公开 are not columns) or the parent column', () => {
    expect(classifyColumn('通知公告', { breadcrumb: ['首页', '政府信息公开', '通知公告'] }).level).toBe(1);
    expect(classifyColumn('市政府文件', { breadcrumb: ['首页', '政府信息公开', '政策文件', '市政府文件'] })).toMatchObject({ columnClass: 'policy', level: 2 });
    expect(classifyColumn('访谈预告', { parentName: '在线访谈' })).toMatchObject({ columnClass: 'interview', level: 2 });
    expect(classifyColumn('通知公告', { parentName: '政府信息公开' }).level).toBe(1);
  });

  it('unknown names fall back to the trail or parent with lower confidence, else other', () => {
    const c = classifyColumn('县级', { breadcrumb: ['首页', '政务公开', '通知公告', '县级'] });
    expect(c.columnClass).toBe('notice');
    expect(c.confidence).toBeLessThan(0.9);
    expect(classifyColumn('莫名栏目')).toMatchObject({ columnClass: 'other', confidence: 0.3 });
  });
});

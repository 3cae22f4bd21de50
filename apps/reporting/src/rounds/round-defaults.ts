/**
 * Product defaults a round stores with itself when its creator gives none. They are round data (editable per round),
 * not rules: the rule sets carry no rectification deadline or "high scorer" mark.
 */
export const ROUND_DEFAULTS = {
  /**
   * 整改期限 in working days after the publish date. Real bulletins give 3–11 working days (咸宁 2022-06-22 → 06-27,
   * 福建 2021-06-29 → 07-09, 安徽 2020-04-03 → 04-20); 10 sits inside that range and leaves time for a recheck.
   */
  deadlineWorkingDays: 10,
  /** 得分较高: "得分100分以上为'得分较高'" (2022年第一季度市通报); 咸宁 2022Q2 names the sites "获评100分". */
  highScoreMark: 100,
  ruleSetId: 'national-2019',
} as const;

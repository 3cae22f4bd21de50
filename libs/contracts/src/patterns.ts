export const SITE_CODE_PATTERN = /^(\d{10}|bm\d{8})$/;
export const REGION_CODE_PATTERN = /^\d{6}$/;

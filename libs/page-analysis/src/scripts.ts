// What inline scripts do to a page without running them: markup they write (document.write, innerHTML),
// where they send the browser (window.location, delayed), eval, and list data they render (JS-filled lists).

/** Reads a JS string literal starting at s[i] (a quote); returns its value and the index after it. */
function readString(s: string, i: number): { value: string; end: number } {
  const q = s[i];
  let out = '';
  let j = i + 1;
  while (j < s.length && s[j] !== q) {
    if (s[j] === '\\' && j + 1 < s.length) {
      const c = s[j + 1];
      if (c === 'n') out += '\n';
      else if (c === 't') out += '\t';
      else if (c === 'x' && /^[0-9a-fA-F]{2}$/.test(s.slice(j + 2, j + 4))) {
        out += String.fromCharCode(parseInt(s.slice(j + 2, j + 4), 16));
        j += 2;
      } else if (c === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(j + 2, j + 6))) {
        out += String.fromCharCode(parseInt(s.slice(j + 2, j + 6), 16));
        j += 4;
      } else out += c;
      j += 2;
      continue;
    }
    out += s[j];
    j++;
  }
  return { value: out, end: j + 1 };
}

/** The argument text of a call starting at `open` (index of '('), quote-aware. */
function callArgument(s: string, open: number): string {
  let depth = 0;
  for (let j = open; j < s.length; j++) {
    const c = s[j];
    if (c === '"' || c === "'" || c === '`') {
      j = readString(s, j).end - 1;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return s.slice(open + 1, j);
    }
  }
  return s.slice(open + 1, Math.min(s.length, open + 20000));
}

/** JavaScript unescape(): %XX and %uXXXX. */
export function jsUnescape(s: string): string {
  return s.replace(/%u([0-9a-fA-F]{4})|%([0-9a-fA-F]{2})/g, (_m, u: string, x: string) => String.fromCharCode(parseInt(u ?? x, 16)));
}

/** Concatenated string literals of an expression; unescape()/decodeURIComponent() wrappers are applied. */
export function stringValue(expr: string): string {
  let out = '';
  const unescapeAll = /\b(unescape|decodeURIComponent|decodeURI)\s*\(/.test(expr);
  for (let j = 0; j < expr.length; j++) {
    const c = expr[j];
    if (c === '"' || c === "'" || c === '`') {
      const r = readString(expr, j);
      out += r.value;
      j = r.end - 1;
    }
  }
  if (unescapeAll) {
    try {
      out = jsUnescape(out);
    } catch {
      /* keep raw */
    }
  }
  return out;
}

/** Markup written by document.write/writeln calls in a script. */
export function documentWrites(script: string): string[] {
  const out: string[] = [];
  for (const m of script.matchAll(/document\s*\.\s*write(?:ln)?\s*\(/g)) {
    const arg = callArgument(script, m.index! + m[0].length - 1);
    const v = stringValue(arg);
    if (v) out.push(v);
  }
  return out;
}

/** Markup assigned to innerHTML/outerHTML or inserted with insertAdjacentHTML (string literals only). */
export function htmlAssignments(script: string): string[] {
  const out: string[] = [];
  for (const m of script.matchAll(/\.\s*(?:innerHTML|outerHTML)\s*\+?=\s*/g)) {
    const start = m.index! + m[0].length;
    const end = script.indexOf(';', start);
    const expr = script.slice(start, end < 0 ? Math.min(script.length, start + 5000) : end);
    const v = stringValue(expr);
    if (v) out.push(v);
  }
  for (const m of script.matchAll(/insertAdjacentHTML\s*\(/g)) out.push(stringValue(callArgument(script, m.index! + m[0].length - 1)));
  return out.filter(Boolean);
}

export interface ScriptRedirect {
  target: string;
  delayed: boolean;
  evidence: string;
}

/** window.location / location.href / location.replace targets written as literals. */
export function redirects(script: string): ScriptRedirect[] {
  const out: ScriptRedirect[] = [];
  const re = /(?:window\.|top\.|self\.|document\.)?location(?:\.href)?\s*=\s*(['"])([^'"]+)\1|location\.(?:replace|assign)\s*\(\s*(['"])([^'"]+)\3\s*\)/g;
  for (const m of script.matchAll(re)) {
    const target = m[2] ?? m[4];
    if (!/^(https?:)?\/\//i.test(target)) continue;
    const before = script.slice(Math.max(0, m.index! - 200), m.index!);
    const delayed = /set(?:Timeout|Interval)\s*\(\s*(?:["']|function|\(\s*\)\s*=>)[^;]*$/.test(before) || /set(?:Timeout|Interval)\s*\(\s*["'][^"']*$/.test(before);
    const end = script.indexOf(')', m.index! + m[0].length);
    out.push({ target, delayed, evidence: script.slice(Math.max(0, m.index! - (delayed ? 40 : 0)), Math.min(script.length, (end > 0 ? end + 1 : m.index! + m[0].length) + (delayed ? 10 : 0))).trim() });
  }
  return out;
}

/** eval() calls, including packed (p,a,c,k,e,d) payloads. */
export function evalCalls(script: string): string[] {
  return [...script.matchAll(/\beval\s*\(([^)]{0,120})/g)].map((m) => `eval(${m[1].trim()})`);
}

/** Array-of-object literals assigned in a script (JSON list data a script renders into the page). */
export function scriptArrays(script: string): Record<string, unknown>[][] {
  const out: Record<string, unknown>[][] = [];
  for (const m of script.matchAll(/=\s*\[\s*\{/g)) {
    const start = m.index! + m[0].indexOf('[');
    let depth = 0;
    let end = -1;
    for (let j = start; j < script.length; j++) {
      const c = script[j];
      if (c === '"' || c === "'") {
        j = readString(script, j).end - 1;
        continue;
      }
      if (c === '[') depth++;
      else if (c === ']') {
        depth--;
        if (depth === 0) {
          end = j;
          break;
        }
      }
    }
    if (end < 0) continue;
    try {
      const v = JSON.parse(script.slice(start, end + 1));
      if (Array.isArray(v) && v.every((x) => x && typeof x === 'object')) out.push(v as Record<string, unknown>[]);
    } catch {
      /* not JSON; such lists stay unread */
    }
  }
  return out;
}

/** Element ids a script writes into (getElementById('x') / $('#x') / jQuery('#x')). */
export function scriptTargets(script: string): string[] {
  const ids = new Set<string>();
  for (const m of script.matchAll(/getElementById\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) ids.add(m[1]);
  for (const m of script.matchAll(/(?:\$|jQuery)\s*\(\s*['"]#([\w-]+)['"]\s*\)/g)) ids.add(m[1]);
  return [...ids];
}

import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import { BulletinData } from './bulletin-data';

/** Font with Chinese glyphs for the rasteriser (Debian fonts-wqy-microhei). */
export const CHART_FONT_FILE = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

export interface ChartImage {
  png: Buffer;
  width: number;
  height: number;
}

const WIDTH = 640;
const HEIGHT = 320;

/** Server-side ECharts → SVG → PNG (Word and WPS embed PNG reliably; SVG support varies). */
function render(option: echarts.EChartsCoreOption): ChartImage {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'WenQuanYi Micro Hei' }, ...option });
    const svg = chart.renderToSVGString();
    const png = new Resvg(svg, {
      font: { fontFiles: [CHART_FONT_FILE], loadSystemFonts: false, defaultFontFamily: 'WenQuanYi Micro Hei' },
      fitTo: { mode: 'width', value: WIDTH * 2 },
      background: 'white',
    })
      .render()
      .asPng();
    return { png: Buffer.from(png), width: WIDTH, height: HEIGHT };
  } finally {
    chart.dispose();
  }
}

export function regionPassRateChart(d: BulletinData): ChartImage {
  const rows = d.sites.byRegion;
  return render({
    title: { text: '各地区政府网站合格率（%）', left: 'center', textStyle: { fontSize: 16 } },
    grid: { left: 50, right: 20, top: 50, bottom: 50 },
    xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => (r.passRate === null ? 0 : Math.round(r.passRate * 1000) / 10)),
        label: { show: true, position: 'top' },
        itemStyle: { color: '#c23531' },
      },
    ],
  });
}

export function scoreDistributionChart(d: BulletinData): ChartImage {
  const rows = d.sites.distribution;
  return render({
    title: { text: '政府网站得分分布（家）', left: 'center', textStyle: { fontSize: 16 } },
    grid: { left: 50, right: 20, top: 50, bottom: 50 },
    xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: rows.map((r) => r.count), label: { show: true, position: 'top' }, itemStyle: { color: '#2f4554' } }],
  });
}

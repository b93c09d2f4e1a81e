/**
 * The parts of Apache ECharts the dashboard uses, registered once (tree-shaken imports from
 * `echarts/core`, so the bundle holds only these).
 */
import { BarChart, LineChart, ParallelChart, ScatterChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, ParallelComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { init, use, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, ParallelChart, ScatterChart, DataZoomComponent, GridComponent, LegendComponent, ParallelComponent, TitleComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

/** A chart drawn into `element`. */
export function createChart(element: HTMLElement): ECharts {
  return init(element, undefined, { renderer: 'canvas' });
}

export type { ECharts, EChartsCoreOption } from 'echarts/core';

/** A box that draws one ECharts option and follows its size. */
import { useEffect, useRef } from 'preact/hooks';
import { createChart, type ECharts, type EChartsCoreOption } from '../charts/echarts-setup.js';

/** Props of `Chart`. */
export interface ChartProps {
  readonly option: EChartsCoreOption;
  readonly testId: string;
  readonly height?: number;
  /** Called with the clicked data item (its `trialJobId`, when it has one). */
  readonly onItemClick?: (item: { trialJobId?: string; seriesName?: string }) => void;
}

/** Draws `option`; a new option replaces the old one. */
export function Chart({ option, testId, height = 320, onItemClick }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const click = useRef(onItemClick);
  click.current = onItemClick;
  useEffect(() => {
    const element = box.current!;
    const instance = createChart(element);
    chart.current = instance;
    instance.on('click', (params: { data?: unknown; seriesName?: string }) => {
      const data = params.data as { trialJobId?: string } | undefined;
      click.current?.({ ...(data?.trialJobId === undefined ? {} : { trialJobId: data.trialJobId }), ...(params.seriesName === undefined ? {} : { seriesName: params.seriesName }) });
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
  return <div class="chart" data-testid={testId} ref={box} style={{ height: `${height}px` }} />;
}

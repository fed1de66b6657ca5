/** The layer panel: per layer a visibility checkbox, opacity slider, order buttons and legend. */
import { LEGENDS } from '../../map/palette';
import { LAYER_LABELS, layerGroup, type LayerGroup, type LayerId, type LayerSetting } from '../../state/layer-settings';
import { Legend } from '../../ui/Legend';

export interface LayerPanelProps {
  layers: readonly LayerSetting[];
  onVisibleChange(layerId: LayerId, visible: boolean): void;
  onOpacityChange(layerId: LayerId, opacity: number): void;
  onMove(layerId: LayerId, direction: 'up' | 'down'): void;
}

const GROUP_TITLES: Record<LayerGroup, string> = { campaign: '专题图层', base: '底图' };

function LayerRow({ setting, props }: { setting: LayerSetting; props: LayerPanelProps }) {
  const { id } = setting;
  return (
    <li className="layer-row">
      <div className="layer-row-head">
        <label>
          <input
            type="checkbox"
            data-testid={`layer-toggle-${id}`}
            checked={setting.visible}
            onChange={(event) => props.onVisibleChange(id, event.target.checked)}
          />
          {LAYER_LABELS[id]}
        </label>
        <span className="layer-order">
          <button type="button" title="上移一层" data-testid={`layer-up-${id}`} onClick={() => props.onMove(id, 'up')}>▲</button>
          <button type="button" title="下移一层" data-testid={`layer-down-${id}`} onClick={() => props.onMove(id, 'down')}>▼</button>
        </span>
      </div>
      <label className="layer-opacity">
        透明度
        <input
          type="range"
          min={0}
          max={100}
          step={5}
          value={Math.round(setting.opacity * 100)}
          data-testid={`layer-opacity-${id}`}
          onChange={(event) => props.onOpacityChange(id, Number(event.target.value) / 100)}
        />
        <span className="layer-opacity-value">{Math.round(setting.opacity * 100)}%</span>
      </label>
      <Legend entries={LEGENDS[id]} testId={`layer-legend-${id}`} />
    </li>
  );
}

export function LayerPanel(props: LayerPanelProps) {
  // Shown top-down: the layer drawn last (on top) is listed first.
  const groups: LayerGroup[] = ['campaign', 'base'];
  return (
    <aside className="layer-panel" data-testid="layer-panel" aria-label="图层">
      {groups.map((group) => (
        <section key={group}>
          <h2>{GROUP_TITLES[group]}</h2>
          <ul>
            {[...props.layers]
              .filter((setting) => layerGroup(setting.id) === group)
              .reverse()
              .map((setting) => <LayerRow key={setting.id} setting={setting} props={props} />)}
          </ul>
        </section>
      ))}
    </aside>
  );
}

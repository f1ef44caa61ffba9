import { App, Button, Divider, Drawer, Form, Input, Popconfirm, Select, Space, Switch, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { addAlias, findUnits, mergeUnit, removeAlias, updateUnit } from '#web/api/units.ts';
import type { UnitDetail, UnitSummary } from '#core/api/units.ts';
import { parentCandidates } from '#web/pages/units/unit-tree.ts';

interface Props {
  unit: { id: number; name: string; isCollective: boolean; aliases: string[]; parentId?: number | null } | null;
  /** Every unit, when the caller has them (for the parent choice); loaded here otherwise. */
  units?: UnitSummary[];
  onClose: () => void;
  /** Something changed; `mergedInto` is set when the unit no longer exists on its own. */
  onChanged: (mergedInto?: UnitDetail) => void;
}

/** Edits a unit: its name, whether it stands for several units (各镇街), its aliases, or merges it into another. */
export function UnitEditDrawer({ unit, units, onClose, onChanged }: Props) {
  const { message } = App.useApp();
  const [name, setName] = useState('');
  const [isCollective, setIsCollective] = useState(false);
  const [parentId, setParentId] = useState<number | null>(null);
  const [all, setAll] = useState<UnitSummary[]>([]);
  const [aliases, setAliases] = useState<string[]>([]);
  const [alias, setAlias] = useState('');
  const [target, setTarget] = useState<number | null>(null);
  const [others, setOthers] = useState<UnitSummary[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!unit) return;
    setName(unit.name);
    setIsCollective(unit.isCollective);
    setParentId(unit.parentId ?? null);
    setAliases(unit.aliases);
    setAlias('');
    setTarget(null);
    const takeList = (list: UnitSummary[]) => {
      setAll(list);
      setOthers(list.filter((u) => u.id !== unit.id));
      // The detail page may not carry the parent; the list does.
      if (unit.parentId === undefined) setParentId(list.find((u) => u.id === unit.id)?.parentId ?? null);
    };
    if (units && units.length > 0) {
      takeList(units);
      return;
    }
    const controller = new AbortController();
    findUnits(undefined, controller.signal).then((r) => takeList(r.data), () => undefined);
    return () => controller.abort();
    // `units` changes identity on every reload of the list; the drawer reads it when it opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [unit]);

  if (!unit) return <Drawer open={false} />;

  /** Runs a write, toasting success; failures were shown by the request policy. */
  async function run<T>(action: () => Promise<T>, done: string): Promise<{ ok: true; value: T } | { ok: false }> {
    setBusy(true);
    try {
      const value = await action();
      void message.success(done);
      return { ok: true, value };
    } catch {
      return { ok: false };
    } finally {
      setBusy(false);
    }
  }

  const id = unit.id;
  const originalParent = unit.parentId !== undefined ? unit.parentId : (all.find((u) => u.id === id)?.parentId ?? null);
  const parentChanged = parentId !== (originalParent ?? null);
  const dirty = name.trim() !== unit.name || isCollective !== unit.isCollective || parentChanged;

  return (
    <Drawer title={`编辑单位：${unit.name}`} open onClose={onClose} size={480} destroyOnHidden>
      <Form layout="vertical">
        <Form.Item label="规范名称" required extra="任务中写法不同的同一单位，以此名称显示">
          <Input value={name} maxLength={100} onChange={(e) => setName(e.target.value)} data-testid="unit-name" />
        </Form.Item>
        <Form.Item label="集体单位" extra="如“各镇街”“区直各部门”，代表多个单位">
          <Switch checked={isCollective} onChange={setIsCollective} checkedChildren="是" unCheckedChildren="否" />
        </Form.Item>
        <Form.Item label="上级单位" extra="如镇街下设的办公室、中心；上级单位的账号可查看和填报下级单位的任务">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="无（顶级单位）"
            value={parentId}
            onChange={(v: number | null | undefined) => setParentId(v ?? null)}
            options={parentCandidates(id, all).map((u) => ({ value: u.id, label: u.name }))}
            data-testid="unit-parent"
          />
        </Form.Item>
        <Button
          type="primary"
          disabled={!dirty || name.trim().length < 2}
          loading={busy}
          onClick={async () => {
            const body = {
              ...(name.trim() !== unit.name && { name: name.trim() }),
              ...(isCollective !== unit.isCollective && { isCollective }),
              ...(parentChanged && { parentId }),
            };
            const saved = await run(() => updateUnit(id, body), '单位信息已保存');
            if (saved.ok) onChanged();
          }}
        >
          保存
        </Button>
      </Form>
      <Divider titlePlacement="start" plain>别名</Divider>
      <div style={{ marginBottom: 8, display: 'flex', flexWrap: 'wrap', gap: 4 }}>
        {aliases.length === 0 && <Typography.Text type="secondary">暂无别名</Typography.Text>}
        {aliases.map((a) => (
          <Tag
            key={a}
            closable
            onClose={async (e) => {
              e.preventDefault();
              const removed = await run(() => removeAlias(id, a), `已删除别名“${a}”`);
              if (removed.ok) {
                setAliases((list) => list.filter((x) => x !== a));
                onChanged();
              }
            }}
          >
            {a}
          </Tag>
        ))}
      </div>
      <Space.Compact style={{ width: '100%' }}>
        <Input placeholder="添加别名，如：区行政审批服务局" value={alias} maxLength={100} onChange={(e) => setAlias(e.target.value)} data-testid="unit-alias-input" />
        <Button
          disabled={alias.trim().length < 2}
          loading={busy}
          onClick={async () => {
            const a = alias.trim();
            const saved = await run(() => addAlias(id, a), `已添加别名“${a}”`);
            if (saved.ok) {
              setAliases(Array.isArray(saved.value?.aliases) ? saved.value.aliases : [...aliases, a]);
              setAlias('');
              onChanged();
            }
          }}
        >
          添加
        </Button>
      </Space.Compact>
      <Divider titlePlacement="start" plain>合并到其他单位</Divider>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        合并后，本单位名称成为目标单位的别名，其牵头和责任任务全部转到目标单位。此操作不可撤销。
      </Typography.Paragraph>
      <Space.Compact style={{ width: '100%' }}>
        <Select
          style={{ flex: 1 }}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="选择目标单位"
          value={target}
          onChange={setTarget}
          options={others.map((u) => ({ value: u.id, label: u.name }))}
        />
        <Popconfirm
          title="确认合并"
          description={`将“${unit.name}”合并到“${others.find((u) => u.id === target)?.name ?? ''}”？`}
          okText="合并"
          cancelText="取消"
          disabled={target === null}
          onConfirm={async () => {
            if (target === null) return;
            const into = await run(() => mergeUnit(id, target), '已合并');
            if (into.ok) onChanged(into.value);
          }}
        >
          <Button danger disabled={target === null} loading={busy}>合并</Button>
        </Popconfirm>
      </Space.Compact>
    </Drawer>
  );
}

import { CheckCircleOutlined, ReloadOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Card, Col, Collapse, Empty, List, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { countWarnings } from '#core/draft/warnings.ts';
import type { DraftReadingLevel, DraftReadOptions, DraftWarning, Span } from '#web/api/types.ts';
import { formName, hasChoice, lineAt } from '../reading.ts';

interface Props {
  source: string;
  /** The warnings that still hold for the tasks as they are now. */
  warnings: DraftWarning[];
  levels: DraftReadingLevel[];
  options: DraftReadOptions;
  /** A re-read is running. */
  busy: boolean;
  /** The 1-based row of a task in the table now, or null when it is gone. */
  rowOf: (key: string) => number | null;
  onTask: (key: string) => void;
  onSpan: (span: Span) => void;
  onTaskLevel: (form: string) => void;
  onRemoveStart: (start: number) => void;
  onReset: () => void;
}

/** The level the reader lists for the lines marked "this line starts a task": not a level one can choose. */
const MARKED_LINES = 'line';

/** The warnings, by kind and one by one, each linking to its task or to the place in the source. */
function Warnings({ warnings, rowOf, onTask, onSpan }: Pick<Props, 'warnings' | 'rowOf' | 'onTask' | 'onSpan'>) {
  if (warnings.length === 0) {
    return (
      <Space data-testid="draft-warnings-none">
        <CheckCircleOutlined style={{ color: '#52c41a' }} />
        <Typography.Text type="secondary">识别结果没有待确认的问题</Typography.Text>
      </Space>
    );
  }
  const counts = countWarnings(warnings);
  return (
    <Collapse
      size="small"
      defaultActiveKey={warnings.length <= 8 ? ['list'] : []}
      items={[
        {
          key: 'list',
          label: (
            <Space wrap size={4} data-testid="draft-warning-counts">
              <WarningOutlined style={{ color: '#faad14' }} />
              <Typography.Text strong>{warnings.length} 条待确认</Typography.Text>
              {counts.map((c) => (
                <Tag key={c.code} color="warning" data-testid={`draft-warning-count-${c.code}`}>{c.label} {c.count}</Tag>
              ))}
            </Space>
          ),
          children: (
            <List
              size="small"
              style={{ maxHeight: 180, overflow: 'auto' }}
              dataSource={warnings}
              renderItem={(w, i) => (
                <List.Item
                  key={`${w.code}-${w.taskKey ?? ''}-${i}`}
                  data-testid="draft-warning"
                  data-code={w.code}
                  actions={[
                    w.taskKey !== undefined ? <Button key="task" type="link" size="small" onClick={() => onTask(w.taskKey!)} data-testid="draft-warning-task">查看任务</Button> : null,
                    w.taskKey === undefined && w.span ? <Button key="span" type="link" size="small" onClick={() => onSpan(w.span!)} data-testid="draft-warning-span">查看原文</Button> : null,
                  ].filter(Boolean)}
                >
                  <Typography.Text style={{ fontSize: 13 }}>
                    {/* The row as the table numbers it now: the reader's message counts its own reading. */}
                    {w.taskKey !== undefined && rowOf(w.taskKey) !== null && <Tag style={{ marginInlineEnd: 6 }}>表中第 {rowOf(w.taskKey)} 项</Tag>}
                    {w.message}
                  </Typography.Text>
                </List.Item>
              )}
            />
          ),
        },
      ]}
    />
  );
}

/** The numbering levels the reader found, the task level marked, each with "任务在此层级". */
function Levels({ levels, options, busy, onTaskLevel }: Pick<Props, 'levels' | 'options' | 'busy' | 'onTaskLevel'>) {
  if (levels.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未识别出编号层级" />;
  const taskLevels = levels.filter((l) => l.isTaskLevel).length;
  return (
    <Table<DraftReadingLevel>
      size="small"
      rowKey="form"
      pagination={false}
      dataSource={levels}
      onRow={(l) => ({ 'data-testid': 'draft-level', 'data-form': l.form } as HTMLAttributes<HTMLElement>)}
      columns={[
        {
          title: '层级',
          key: 'depth',
          render: (_, l) => <span style={{ paddingInlineStart: l.depth * 16 }}>{l.depth + 1} 级 · {formName(l)}</span>,
        },
        { title: '原文示例', dataIndex: 'example', render: (e: string) => <Typography.Text code>{e}</Typography.Text> },
        { title: '条数', dataIndex: 'count', align: 'right', width: 60 },
        {
          title: '',
          key: 'choose',
          align: 'right',
          render: (_, l) => (
            <Space size={4}>
              {l.isTaskLevel && (
                <Tag color={options.taskLevel === l.form ? 'blue' : 'green'} data-testid="draft-level-is-task">{options.taskLevel === l.form ? '已选为任务层级' : '任务层级'}</Tag>
              )}
              {/* Offered unless this level alone holds the tasks already: tasks read at two levels (leaves of
                  different depths) are made one level by choosing it. */}
              {options.taskLevel !== l.form && l.form !== MARKED_LINES && !(l.isTaskLevel && taskLevels === 1) && (
                <Tooltip title={`把每个“${l.example}”条目识别为一项任务，重新识别正文`}>
                  <Button size="small" disabled={busy} onClick={() => onTaskLevel(l.form)} data-testid="draft-level-choose">任务在此层级</Button>
                </Tooltip>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

/**
 * What the reader is unsure of, and the structure it read: shown above the draft so the coordinator
 * sees first whether the tasks were cut at the right level, and fixes it in one action.
 */
export function ReadingCard(props: Props) {
  const { source, options, busy, onRemoveStart, onReset, onSpan } = props;
  const starts = options.taskStarts ?? [];
  return (
    <Card size="small" style={{ marginBottom: 12 }} styles={{ body: { padding: '10px 12px' } }} data-testid="draft-reading">
      <Row gutter={[16, 8]}>
        <Col xs={24} xl={13}>
          <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>识别提示</Typography.Text>
          <Warnings warnings={props.warnings} rowOf={props.rowOf} onTask={props.onTask} onSpan={onSpan} />
        </Col>
        <Col xs={24} xl={11}>
          <div style={{ display: 'flex', alignItems: 'center', marginBottom: 6, gap: 8 }}>
            <Typography.Text strong>编号层级</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>也可在右侧原文中点选一行，标记“从此行开始一项任务”</Typography.Text>
            {hasChoice(options) && (
              <Button size="small" type="link" icon={<ReloadOutlined />} disabled={busy} onClick={onReset} style={{ marginInlineStart: 'auto' }} data-testid="draft-reading-reset">
                恢复自动识别
              </Button>
            )}
          </div>
          <Levels levels={props.levels} options={options} busy={busy} onTaskLevel={props.onTaskLevel} />
          {starts.length > 0 && (
            <Space wrap size={4} style={{ marginTop: 6 }} data-testid="draft-task-starts">
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>标记为任务起始的行：</Typography.Text>
              {starts.map((s) => {
                const line = lineAt(source, s);
                return (
                  <Tag key={s} closable={!busy} onClose={(e) => { e.preventDefault(); onRemoveStart(s); }}>
                    <Typography.Link onClick={() => onSpan([line.start, line.end])}>第 {line.number} 行</Typography.Link>
                  </Tag>
                );
              })}
            </Space>
          )}
        </Col>
      </Row>
    </Card>
  );
}

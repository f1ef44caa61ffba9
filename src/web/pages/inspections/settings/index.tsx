import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { FindingTaxonomy } from '#core/api/inspection-findings.ts';
import { LIMIT_UNIT_LABELS, LIMIT_UNITS, type RectificationProfile } from '#core/inspections/rectification-profile.ts';
import { getTaxonomy, saveTaxonomy } from '#web/api/inspections.ts';
import { ApiError } from '#web/api/request.ts';
import { getProfile, saveProfile } from '#web/api/rectifications.ts';
import { PageHeader } from '#web/components/page-header.tsx';
import { PageLoading } from '#web/components/page-loading.tsx';
import { useRequest } from '#web/hooks/use-request.ts';

/** 问题类别与严重程度: the office's own lists (not law), each entry a stable code and a label. */
function TaxonomyCard({ initial }: { initial: FindingTaxonomy }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FindingTaxonomy>();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => form.setFieldsValue(initial), [initial, form]);

  async function save(v: FindingTaxonomy) {
    setBusy(true);
    setProblem(null);
    try {
      form.setFieldsValue(await saveTaxonomy(v));
      void message.success('问题类别与严重程度已保存');
    } catch (err) {
      if (err instanceof ApiError) setProblem(err.message);
    } finally {
      setBusy(false);
    }
  }

  const list = (name: 'categories' | 'severities', title: string) => (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <div>
          <Typography.Text strong>{title}</Typography.Text>
          {fields.map((f) => (
            <Space key={f.key} align="start" style={{ display: 'flex', marginTop: 6 }}>
              <Form.Item name={[f.name, 'code']} rules={[{ required: true, message: '代码' }]} style={{ marginBottom: 0 }}>
                <Input placeholder="代码" style={{ width: 110, fontFamily: 'monospace' }} maxLength={40} />
              </Form.Item>
              <Form.Item name={[f.name, 'label']} rules={[{ required: true, message: '名称' }]} style={{ marginBottom: 0 }}>
                <Input placeholder="名称" style={{ width: 160 }} maxLength={40} />
              </Form.Item>
              <Button type="text" icon={<DeleteOutlined />} aria-label="删除" onClick={() => remove(f.name)} />
            </Space>
          ))}
          <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ code: '', label: '' })} style={{ marginTop: 6 }}>
            添加
          </Button>
        </div>
      )}
    </Form.List>
  );

  return (
    <Card size="small" title="问题类别与严重程度">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        没有法规规定督查问题的分类与分级，以下为本单位自定清单。已记录的问题保留原代码；改名只影响显示。
      </Typography.Paragraph>
      <Form<FindingTaxonomy> form={form} layout="vertical" onFinish={save}>
        <Row gutter={[24, 12]}>
          <Col xs={24} md={12}>
            {list('categories', '问题类别')}
          </Col>
          <Col xs={24} md={12}>
            {list('severities', '严重程度')}
          </Col>
        </Row>
        <Form.Item name="source" label="清单来源说明" style={{ marginTop: 12 }} rules={[{ required: true, whitespace: true, message: '请说明清单的来源' }]}>
          <Input maxLength={200} />
        </Form.Item>
        {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={busy}>
          保存
        </Button>
      </Form>
    </Card>
  );
}

type ProfileValues = Omit<RectificationProfile, 'id' | 'version'>;

/** 整改时限规则: the clue classes and their limits, with the document they come from; every save is a new version. */
function ProfileCard({ initial }: { initial: RectificationProfile }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ProfileValues>();
  const [profile, setProfile] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => form.setFieldsValue(profile), [profile, form]);
  const classes = Form.useWatch('classes', form) ?? [];

  async function save(v: ProfileValues) {
    setBusy(true);
    setProblem(null);
    try {
      setProfile(await saveProfile({ ...v, editedNote: v.editedNote?.trim() || null }));
      void message.success('整改时限规则已保存为新版本');
    } catch (err) {
      if (err instanceof ApiError) setProblem(err.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" title={`整改时限规则（第 ${profile.version} 版）`}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        时限不是全国统一规定：默认采用许昌市的分类处置时限，可按本地文件调整，并写明依据。已下发的通知保留下发时的版本与依据。
      </Typography.Paragraph>
      <Form<ProfileValues> form={form} layout="vertical" onFinish={save}>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label="规则名称" rules={[{ required: true, whitespace: true, message: '请填写规则名称' }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['source', 'title']} label="依据文件" rules={[{ required: true, whitespace: true, message: '请填写依据文件名称' }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['source', 'date']} label="文件日期" normalize={(v: string) => v || null}>
              <Input placeholder="YYYY-MM-DD" maxLength={10} />
            </Form.Item>
          </Col>
          <Col xs={24} md={18}>
            <Form.Item name={['source', 'url']} label="文件链接" normalize={(v: string) => v || null}>
              <Input maxLength={1000} />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="classes">
          {(fields, { add, remove }) => (
            <>
              <Typography.Text strong>问题类别与时限</Typography.Text>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap style={{ display: 'flex', marginTop: 6 }}>
                  <Form.Item name={[f.name, 'code']} rules={[{ required: true, message: '代码' }]} style={{ marginBottom: 0 }}>
                    <Input placeholder="代码" style={{ width: 70 }} maxLength={8} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'label']} rules={[{ required: true, message: '名称' }]} style={{ marginBottom: 0 }}>
                    <Input placeholder="名称" style={{ width: 180 }} maxLength={50} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'limit', 'count']} rules={[{ required: true, message: '时限' }]} style={{ marginBottom: 0 }}>
                    <InputNumber min={1} max={250} precision={0} style={{ width: 80 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'limit', 'unit']} style={{ marginBottom: 0 }}>
                    <Select style={{ width: 110 }} options={LIMIT_UNITS.map((u) => ({ value: u, label: LIMIT_UNIT_LABELS[u] }))} />
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} aria-label="删除" onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button
                type="dashed"
                size="small"
                icon={<PlusOutlined />}
                onClick={() => add({ code: '', label: '', limit: { unit: 'workdays', count: 5 } })}
                style={{ margin: '6px 0 12px' }}
              >
                添加类别
              </Button>
            </>
          )}
        </Form.List>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="defaultClass" label="默认类别">
              <Select options={classes.filter((c) => c?.code).map((c) => ({ value: c.code, label: `${c.code} ${c.label ?? ''}` }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name={['escalation', 'enabled']} label={`提级办理（${profile.escalation.source.title}）`} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name={['escalation', 'afterNotices']} label="交办几次未解决后提级">
              <InputNumber min={1} max={10} precision={0} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name={['escalation', 'source']} hidden>
          <Input />
        </Form.Item>
        <Form.Item name="editedNote" label="调整说明" extra="与依据文件不同时写明，例如“B类时限按区政府要求缩短为10个工作日”。">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={busy}>
          保存为新版本
        </Button>
      </Form>
    </Card>
  );
}

/** 督查设置 (coordinator): the finding lists and the rectification deadline profile. */
export default function InspectionSettingsPage() {
  const taxonomy = useRequest((signal) => getTaxonomy(signal), []);
  const profile = useRequest((signal) => getProfile(signal), []);
  return (
    <>
      <PageHeader title="督查设置" crumbs={[{ title: '督查计划', to: '/inspections' }, { title: '督查设置' }]} />
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {taxonomy.data ? <TaxonomyCard initial={taxonomy.data} /> : <PageLoading />}
        {profile.data ? <ProfileCard initial={profile.data} /> : <PageLoading />}
      </Space>
    </>
  );
}

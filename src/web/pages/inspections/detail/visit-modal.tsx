import { AimOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { createVisit, type Visit } from '#web/api/inspections.ts';
import { ApiError } from '#web/api/request.ts';

interface Props {
  open: boolean;
  inspectionId: number;
  /** The units the user may visit: the plan's targets (for an inspector drawn for some, only theirs). */
  units: { id: number; name: string }[];
  onClose: () => void;
  onCreated: (visit: Visit) => void;
}

interface Values {
  unitId: number;
  visitedAt: Dayjs;
  place: string;
  latitude?: number | null;
  longitude?: number | null;
  notes?: string;
}

/** 新增走访: which target, when, where (with the phone's position when it gives one), what was seen. */
export function VisitModal({ open, inspectionId, units, onClose, onCreated }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [locating, setLocating] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setProblem(null);
    form.setFieldsValue({ visitedAt: dayjs(), ...(units.length === 1 ? { unitId: units[0]!.id } : {}) });
  }, [open, units, form]);

  function locate() {
    if (!('geolocation' in navigator)) {
      void message.warning('此浏览器不能获取位置，请手工填写');
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        form.setFieldsValue({ latitude: Number(pos.coords.latitude.toFixed(6)), longitude: Number(pos.coords.longitude.toFixed(6)) });
        setLocating(false);
      },
      () => {
        void message.warning('未能获取位置（可能未授权定位），请手工填写或留空');
        setLocating(false);
      },
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  }

  async function submit(v: Values) {
    setBusy(true);
    setProblem(null);
    try {
      const visit = await createVisit(inspectionId, {
        unitId: v.unitId,
        visitedAt: v.visitedAt.format(),
        place: v.place.trim(),
        latitude: v.latitude ?? null,
        longitude: v.longitude ?? null,
        notes: v.notes?.trim() || null,
      });
      void message.success('走访已记录');
      onCreated(visit);
    } catch (err) {
      if (err instanceof ApiError) setProblem(err.message);
    } finally {
      setBusy(false);
    }
  }

  // Both or neither: one coordinate alone places nothing.
  const pairRule = (other: 'latitude' | 'longitude') => ({
    validator: (_: unknown, value: number | null | undefined) =>
      (value === null || value === undefined) !== (form.getFieldValue(other) === null || form.getFieldValue(other) === undefined)
        ? Promise.reject(new Error('经度和纬度须同时填写'))
        : Promise.resolve(),
  });

  return (
    <Modal
      title="新增走访"
      open={open}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'visit-save' }}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark="optional" data-testid="visit-form">
        <Form.Item name="unitId" label="检查对象" rules={[{ required: true, message: '请选择检查对象' }]}>
          <Select options={units.map((u) => ({ value: u.id, label: u.name }))} showSearch={{ optionFilterProp: 'label' }} data-testid="visit-unit" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="visitedAt" label="走访时间" rules={[{ required: true, message: '请选择走访时间' }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="place" label="地点" rules={[{ required: true, whitespace: true, message: '请填写地点' }]}>
              <Input maxLength={200} placeholder="如：区政务服务中心二楼 税务窗口" data-testid="visit-place" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12} align="bottom">
          <Col xs={12} sm={9}>
            <Form.Item name="latitude" label="纬度" dependencies={['longitude']} rules={[pairRule('longitude')]}>
              <InputNumber min={-90} max={90} step={0.000001} style={{ width: '100%' }} data-testid="visit-lat" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={9}>
            <Form.Item name="longitude" label="经度" dependencies={['latitude']} rules={[pairRule('latitude')]}>
              <InputNumber min={-180} max={180} step={0.000001} style={{ width: '100%' }} data-testid="visit-lng" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={6}>
            <Form.Item>
              <Button icon={<AimOutlined />} onClick={locate} loading={locating} block>
                当前位置
              </Button>
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="notes" label="走访记录">
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        {problem && <Alert type="error" showIcon title={problem} data-testid="visit-error" />}
      </Form>
    </Modal>
  );
}

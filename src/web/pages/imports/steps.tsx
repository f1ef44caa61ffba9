import { Steps } from 'antd';

/** Where the coordinator is in an import: upload, check the draft, commit. */
export function ImportSteps({ current }: { current: 0 | 1 | 2 }) {
  return (
    <Steps size="small" current={current} style={{ maxWidth: 640 }} items={[{ title: '上传方案文件' }, { title: '核对任务草稿' }, { title: '提交导入' }]} />
  );
}

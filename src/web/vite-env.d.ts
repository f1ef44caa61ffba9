/// <reference types="vite/client" />

// antd ships no `exports` map, so NodeNext resolution (tsconfig) cannot see its locale subpaths that
// Vite resolves fine; describe the one we use.
declare module 'antd/locale/zh_CN' {
  import type { ConfigProviderProps } from 'antd';
  const locale: NonNullable<ConfigProviderProps['locale']>;
  export default locale;
}

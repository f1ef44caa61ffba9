/** The product's name as the pages show it (title bar, sign-in, cockpit, public pages). */
export const PRODUCT_NAME = '推进 · 方案落实平台';

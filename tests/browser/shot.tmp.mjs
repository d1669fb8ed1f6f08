import { launch, serve } from "./harness.mjs";
const { origin, close } = await serve("/work/main/public");
const browser = await launch();
for (const [w, name] of [[1280, "desk"], [375, "mob"]]) {
  const page = await browser.newPage({ viewport: { width: w, height: 700 } });
  await page.goto(`${origin}/es/search/#q=permiso`);
  await page.waitForTimeout(800);
  await page.screenshot({ path: `/tmp/${name}.png` });
}
await browser.close(); close();

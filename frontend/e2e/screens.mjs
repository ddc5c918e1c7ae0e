// How to reach each screen, for screenshots. Feature screens add themselves here.
export const screens = [
  { name: 'attract', show: async (page) => page.getByTestId('attract').waitFor() },
  { name: 'home', show: async () => {} },
  { name: 'home-en-bigtext', show: async (page) => { await page.getByTestId('toggle-lang').click(); await page.getByTestId('toggle-bigtext').click() } },
  { name: 'idle-warning', show: async (page) => {
    await page.evaluate(() => window.runtime.EventsEmit('session:state', { state: 'warning', sessionId: 1, secondsLeft: 10, language: 'vi' }))
    await page.getByTestId('idle-overlay').waitFor()
  } },
]

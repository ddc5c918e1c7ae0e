import { mount } from 'svelte'
import './app.css'
import App from './App.svelte'

// A kiosk has no zoom, no context menu and no text selection by long press.
window.addEventListener('contextmenu', (e) => e.preventDefault())
window.addEventListener('wheel', (e) => { if (e.ctrlKey) e.preventDefault() }, { passive: false })
window.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && ['+', '-', '=', '0', '_'].includes(e.key)) e.preventDefault()
})
for (const g of ['gesturestart', 'gesturechange']) window.addEventListener(g, (e) => e.preventDefault())

export default mount(App, { target: document.getElementById('app')! })

import { mount } from 'svelte'
import '../lib/base.css'
import Display from './Display.svelte'

export default mount(Display, { target: document.getElementById('app')! })

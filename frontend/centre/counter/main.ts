import { mount } from 'svelte'
import '../lib/base.css'
import Counter from './Counter.svelte'

export default mount(Counter, { target: document.getElementById('app')! })
